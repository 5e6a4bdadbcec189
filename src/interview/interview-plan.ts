import { tidy } from "../brain/perspective.js";
import { article, countIn, inFirstPerson, isStatement, numberWord, readYesNo } from "./answer-reading.js";
import {
  belief,
  isWithoutWork,
  nameFact,
  nameQuestion,
  parents,
  pastime,
  personName,
  phrased,
  place,
  speakingStyle,
  work,
} from "./fact-phrasing.js";
import { nameGiven, type Subject, type SubjectKind, subjectOf, subjectsIn } from "./named-subjects.js";

/**
 * What the twin asks, in order, and how each answer becomes facts: the data of the interview. A topic opens with one
 * question; follow-ups ("What's your cat called?") are asked only when an answer calls for them.
 */

export const QUESTION_IDS = [
  "name",
  "home",
  "childhood-home",
  "work",
  "work-likes",
  "partner",
  "children",
  "children-count",
  "siblings",
  "parents",
  "pets",
  "pet-kind",
  "name-of",
  "hobbies",
  "food",
  "music",
  "book",
  "film",
  "belief",
  "annoyance",
  "style",
] as const;

export type QuestionId = (typeof QUESTION_IDS)[number];

/** A question to ask: which one, and for "name-of" whose name ("cat", "sisters"). */
export interface QuestionRef {
  id: QuestionId;
  subject?: string;
}

/** What one answer says: facts in the first person, a name or a speaking style, and what to ask next. */
export interface Reading {
  facts: string[];
  name?: string;
  style?: string;
  followUps: QuestionRef[];
}

export interface QuestionSpec {
  id: QuestionId;
  /** Opens a topic (asked in every interview unless known); otherwise a follow-up. */
  opening: boolean;
  /** A yes/no question: "no" is an answer, not a refusal. */
  yesNo?: boolean;
  /** A fact the answer makes redundant: "I have two children." replaces "I have children.". */
  replaces?: string;
  ask(subject?: Subject): string;
  /** `answer` is cleaned (no fillers, no closing punctuation) and not empty. */
  read(answer: string, subject?: Subject): Reading;
}

const facts = (...list: string[]): Reading => ({ facts: list, followUps: [] });

/** An open question whose answer fills in a sentence. */
const open = (id: QuestionId, text: string, sentence: (piece: string) => string, opening = true) => ({
  id,
  opening,
  ask: () => text,
  read: (answer: string) => facts(phrased(answer, sentence)),
});

const nameOf = (subjects: Subject[]): QuestionRef[] =>
  subjects.slice(0, 3).map((subject) => ({ id: "name-of", subject: subject.word }));

/** "a cat", "cat" and "my cat" alike → "a cat"; "my wife Ana" → "a wife called Ana"; anything else as said. */
const withArticle = (piece: string) => {
  const mine = /^my\s+([a-z ]+?)(?:,?\s+((?:[A-Z][a-z'-]+)(?:(?:,\s*|\s+and\s+)[A-Z][a-z'-]+)*))?$/.exec(
    piece,
  );
  const subject = subjectOf(mine?.[1] ?? piece);
  if (!subject) return piece;
  const named = mine?.[2] ? ` called ${mine[2]}` : "";
  return `${subject.plural ? "" : `${article(subject.word)} `}${subject.word}${named}`;
};

interface YesNoOptions {
  yes: string;
  no: string;
  kinds: SubjectKind[];
  /** The missing piece as a sentence: "a cat" → "I have a cat"; undefined when it says nothing this question asks. */
  piece(rest: string): string | undefined;
  /** Follow-ups when the answer named nobody: after a bare "yes", ask what kind or how many. */
  otherwise(rest: string): QuestionRef[];
  /** The fact when the answer is only a name or names ("Do you have a partner?" → "Pedro"). */
  named?(names: string): string;
}

/** "Pedro", "Ana and Rui", "Ana, Rui & Eva": names and nothing else. */
const ONLY_NAMES = /^\p{Lu}[\p{L}'-]+(?:(?:,\s*|\s+and\s+|\s*&\s*)\p{Lu}[\p{L}'-]+)*$/u;

const yesNo = (id: QuestionId, text: string, options: YesNoOptions, extra: Partial<QuestionSpec> = {}) => ({
  id,
  opening: true,
  yesNo: true,
  ...extra,
  ask: () => text,
  read(answer: string): Reading {
    const { polarity } = readYesNo(answer);
    const rest = readYesNo(answer).rest.replace(/^(?:but|and|although|though|well)\b[\s,]*/i, "");
    const said = isStatement(answer) ? answer : rest;
    let learned: string[];
    // Answering a yes/no question with a name says yes and the name at once: nothing to ask after it.
    if (options.named && polarity === "unsaid" && ONLY_NAMES.test(rest))
      return { facts: [tidy(options.named(rest))], followUps: [] };
    if (isStatement(answer)) learned = [tidy(inFirstPerson(answer))];
    else if (rest === "") learned = [polarity === "no" ? options.no : options.yes];
    else if (isStatement(rest))
      learned = [...(polarity === "no" ? [options.no] : []), tidy(inFirstPerson(rest))];
    else if (polarity === "no") learned = [options.no];
    else {
      const sentence = options.piece(inFirstPerson(rest));
      if (sentence === undefined && polarity !== "yes") return { facts: [], followUps: [] };
      learned = [sentence === undefined ? options.yes : tidy(sentence)];
    }
    if (polarity === "no") return { facts: learned, followUps: [] };
    const named = subjectsIn(said, options.kinds);
    const followUps = named.length
      ? nameOf(named.filter((subject) => !nameGiven(said, subject)))
      : options.otherwise(rest);
    return { facts: learned, followUps };
  },
});

const childCount = (rest: string) => {
  const count = countIn(rest);
  return count === undefined ? undefined : { count, word: count === 1 ? "child" : "children" };
};

const children: YesNoOptions = {
  yes: "I have children.",
  no: "I don't have children.",
  kinds: ["child"],
  named: (names) =>
    /,|\band\b|&/.test(names) ? `My children are called ${names}` : `I have a child called ${names}`,
  piece(rest) {
    const counted = childCount(rest);
    return counted ? `I have ${numberWord(counted.count)} ${counted.word}` : `I have ${withArticle(rest)}`;
  },
  otherwise(rest) {
    if (rest === "") return [{ id: "children-count" }];
    const counted = childCount(rest);
    return counted && counted.count > 0 ? [{ id: "name-of", subject: counted.word }] : [];
  },
};

const UNPARTNERED = /\b(?:single|divorced|widowed|separated|alone)\b/i;

export const QUESTIONS: QuestionSpec[] = [
  {
    id: "name",
    opening: true,
    ask: () => "What's your name?",
    read(answer) {
      const name = personName(answer);
      return { facts: [], followUps: [], ...(name && { name }) };
    },
  },
  open("home", "Where do you live?", (piece) => `I live ${place(piece)}`),
  open("childhood-home", "Where did you grow up?", (piece) => `I grew up ${place(piece)}`),
  {
    ...open("work", "What do you do for work?", work),
    read(answer) {
      const fact = phrased(answer, work);
      return {
        facts: [fact],
        followUps: isWithoutWork(fact) || readYesNo(fact).polarity === "no" ? [] : [{ id: "work-likes" }],
      };
    },
  },
  open(
    "work-likes",
    "What do you like most about your work?",
    (piece) => `What I like most about my work is ${piece}`,
    false,
  ),
  yesNo("partner", "Do you have a partner?", {
    yes: "I have a partner.",
    no: "I don't have a partner.",
    kinds: ["partner"],
    piece: (rest) => {
      if (/^(?:married|engaged|single|divorced|widowed|separated|in a relationship)\b/i.test(rest))
        return `I'm ${rest}`;
      return subjectsIn(rest, ["partner"]).length ? `I have ${withArticle(rest)}` : undefined;
    },
    otherwise: (rest) =>
      UNPARTNERED.test(rest) || /\b(?:to|with)\s+\S/i.test(rest)
        ? []
        : [{ id: "name-of", subject: "partner" }],
    named: (names) => `My partner is called ${names}`,
  }),
  yesNo("children", "Do you have children?", children),
  {
    ...yesNo("children-count", "How many children do you have?", children, { replaces: "I have children." }),
    opening: false,
  },
  yesNo("siblings", "Do you have any brothers or sisters?", {
    yes: "I have brothers and sisters.",
    no: "I don't have any brothers or sisters.",
    kinds: ["sibling"],
    piece: (rest) => {
      const count = countIn(rest);
      if (count !== undefined) return `I have ${numberWord(count)} ${count === 1 ? "sibling" : "siblings"}`;
      return `I have ${withArticle(rest)}`;
    },
    otherwise: () => [],
  }),
  {
    ...open("parents", "What are your parents like?", (piece) => piece),
    read: (answer) => facts(parents(answer)),
  },
  yesNo("pets", "Do you have any pets?", {
    yes: "I have a pet.",
    no: "I don't have any pets.",
    kinds: ["animal"],
    piece: (rest) => `I have ${withArticle(rest)}`,
    otherwise: (rest) => (rest === "" ? [{ id: "pet-kind" }] : []),
  }),
  {
    id: "pet-kind",
    opening: false,
    replaces: "I have a pet.",
    ask: () => "What kind of pet do you have?",
    read(answer) {
      const fact = phrased(answer, (piece) => `I have ${withArticle(piece)}`);
      const named = subjectsIn(answer, ["animal"]).filter((subject) => !nameGiven(answer, subject));
      return { facts: [fact], followUps: nameOf(named) };
    },
  },
  {
    id: "name-of",
    opening: false,
    ask: (subject) => nameQuestion(requireSubject(subject)),
    read: (answer, subject) => facts(nameFact(answer, requireSubject(subject))),
  },
  open("hobbies", "What do you like to do in your free time?", pastime),
  open("food", "What's your favourite food?", (piece) => `My favourite food is ${piece}`),
  open("music", "What kind of music do you like?", (piece) => `I like listening to ${piece}`),
  open("book", "What's your favourite book?", (piece) => `My favourite book is ${piece}`),
  open("film", "What's your favourite film?", (piece) => `My favourite film is ${piece}`),
  open("belief", "What's something you believe in?", belief),
  open("annoyance", "What annoys you?", (piece) => `What annoys me is ${piece}`),
  {
    id: "style",
    opening: true,
    ask: () => "How would you describe the way you talk — formal, playful, warm, brief?",
    read(answer) {
      const style = speakingStyle(answer);
      return { facts: [], followUps: [], ...(style && { style }) };
    },
  },
];

function requireSubject(subject: Subject | undefined): Subject {
  if (!subject) throw new Error("a name question needs whose name it asks");
  return subject;
}

/** The spec of a question id. */
export function questionSpec(id: QuestionId): QuestionSpec {
  const spec = QUESTIONS.find((each) => each.id === id);
  if (!spec) throw new Error(`no question ${id}`);
  return spec;
}
