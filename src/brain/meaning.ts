import { type Concepts, type Neighbours, questionConcepts, statementConcepts } from "./lexicon/concepts.js";
import { FRAMES, LIGHT_WORDS, STOP_WORDS, TOPICS } from "./lexicon/topics.js";
import { type WordNet, wordNet } from "./lexicon/wordnet.js";

/** One meaningful word (or phrase frame) of a text, with what it can mean. */
export interface Term {
  word: string;
  concepts: Concepts;
  /** Says little of what a question asks ("do you *make* music"): weighs less. */
  light: boolean;
}

/** What a question asks for besides its topic: a place, a time, a number or a person. */
export type Expected = "place" | "time" | "number" | "person" | undefined;

export interface Understood {
  terms: Term[];
  /**
   * Whom it is about: a statement led by a relative ("My husband Erik is a carpenter") is about them; a question
   * naming a relative ("What does your husband do?") asks about them. Otherwise about the twin.
   */
  about: "self" | "other";
  expects: Expected;
  /** Frames of a question that an answer must carry too ("favourite" → @preference). */
  essentials: string[];
}

const RELATIVES = [
  ...(TOPICS.family?.members ?? []),
  ...(TOPICS.partner?.members ?? []),
  "grandchild",
  "friend",
  "boss",
  "neighbor",
  "neighbour",
];

const RELATION_TOPICS = ["@family", "@partner", "@children", "@grandchildren"];

const NAMING_WORDS = new Set(["called", "named", "name", "is", "and", "me"]);
const PETS = new Set(TOPICS.pet?.members.flatMap((pet) => [pet, `${pet}s`]) ?? []);

function lemmaOfRelative(word: string): string {
  return word === "children" ? "child" : word.replace(/s$/, "");
}

/** Words that start sentences in questions and statements but are never names. */
const ALWAYS_LOWER_WORDS =
  /^(?:What|Where|When|Who|Why|How|Which|Do|Does|Did|Are|Is|Was|Were|Have|Has|Can|Tell|In|My|We|Our|The|A|An)$/;

const WORD = /[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu;

/** The words that carry meaning, each with its neighbours in the sentence (which tell a verb from a noun). */
function contentWords(text: string): { word: string; around: Neighbours }[] {
  const all = [...text.matchAll(WORD)].map((match) => ({
    word: match[0].toLowerCase().replace(/['’]s$/, ""),
    start: match.index,
    end: match.index + match[0].length,
  }));
  const words: { word: string; around: Neighbours }[] = [];
  all.forEach((current, index) => {
    if (STOP_WORDS.has(current.word)) return;
    const before = all[index - 1];
    const after = all[index + 1];
    // A neighbour across punctuation is in another phrase.
    const joined = (left: { end: number }, right: { start: number }) =>
      !/[,.;:!?()]/.test(text.slice(left.end, right.start));
    const written = text.slice(current.start, current.end);
    const sentenceStart = before === undefined || /[.!?]/.test(text.slice(before.end, current.start));
    words.push({
      word: current.word,
      around: {
        previous: before && joined(before, current) ? before.word : undefined,
        next: after && joined(current, after) && !STOP_WORDS.has(after.word) ? after.word : undefined,
        capitalised: /^\p{Lu}/u.test(written) && (!sentenceStart || !ALWAYS_LOWER_WORDS.test(written)),
        // "my boyfriend Tom", "a dog called Pepper": a person's or pet's own name, not a word to look up.
        name:
          /^\p{Lu}/u.test(written) &&
          before !== undefined &&
          (NAMING_WORDS.has(before.word) ||
            RELATIVES.includes(lemmaOfRelative(before.word)) ||
            PETS.has(before.word)),
      },
    });
  });
  return words;
}

/** "brothers or sisters" asks for either: one term that either word's meanings satisfy. */
function mergeAlternatives(text: string, terms: Term[]): void {
  for (const [, left, right] of text.matchAll(/([\p{L}']+) or ([\p{L}']+)/gu)) {
    const first = terms.find((term) => term.word === left?.toLowerCase().replace(/'s$/, ""));
    const secondIndex = terms.findIndex((term) => term.word === right?.toLowerCase().replace(/'s$/, ""));
    const second = terms[secondIndex];
    if (!first || !second || first === second) continue;
    for (const [concept, weight] of second.concepts) {
      if ((first.concepts.get(concept) ?? 0) < weight) first.concepts.set(concept, weight);
    }
    first.word = `${first.word}|${second.word}`;
    terms.splice(secondIndex, 1);
  }
}

/** Reads a question: frames first ("where are you from" → @origin, its words then spent), then word by word. */
export function understandQuestion(text: string, lexicon: WordNet = wordNet()): Understood {
  let rest = text.toLowerCase().replaceAll("’", "'");
  const terms: Term[] = [];
  const essentials: string[] = [];
  for (const frame of FRAMES) {
    if (!frame.question) continue;
    const found = rest.match(frame.question);
    if (!found) continue;
    terms.push({
      word: `@${frame.tag}`,
      concepts: new Map([[`@${frame.tag}`, 1]]),
      light: frame.essential === true,
    });
    if (frame.essential) essentials.push(`@${frame.tag}`);
    // The frame's own words still say which answer fits best: "where did you *grow up*" prefers "I grew up in
    // Porto" to "I'm a sailor from Lisbon", though both say where I am from.
    for (const { word, around } of contentWords(found[0])) {
      terms.push({ word, concepts: questionConcepts(word, around, lexicon), light: true });
    }
    rest = rest.replace(frame.question, " ");
  }
  for (const { word, around } of contentWords(rest)) {
    terms.push({ word, concepts: questionConcepts(word, around, lexicon), light: LIGHT_WORDS.has(word) });
  }
  mergeAlternatives(rest, terms);
  const about = terms.some((term) =>
    [...RELATIVES, ...RELATION_TOPICS].some((relative) => term.concepts.get(relative) === 1),
  )
    ? "other"
    : "self";
  return { terms, about, expects: expectedAnswer(text), essentials };
}

const statementCache = new Map<string, Understood>();

/** Reads a statement: every word with what it is a kind of, plus the frames it carries. Cached by text. */
export function understandStatement(text: string, lexicon: WordNet = wordNet()): Understood {
  const cached = statementCache.get(text);
  if (cached) return cached;
  const terms: Term[] = [];
  const normalised = text.replaceAll("’", "'");
  for (const frame of FRAMES) {
    if (frame.statement?.test(normalised) || frame.statement?.test(normalised.toLowerCase())) {
      terms.push({ word: `@${frame.tag}`, concepts: new Map([[`@${frame.tag}`, 1]]), light: false });
    }
  }
  for (const { word, around } of contentWords(normalised)) {
    terms.push({ word, concepts: statementConcepts(word, around, lexicon), light: false });
  }
  const leader = normalised.match(/^\s*(?:my|our) (\w+)/i)?.[1]?.toLowerCase();
  const about = leader && RELATIVES.includes(lemmaOfRelative(leader)) ? "other" : "self";
  const understood: Understood = { terms, about, expects: undefined, essentials: [] };
  if (statementCache.size > 50_000) statementCache.clear();
  statementCache.set(text, understood);
  return understood;
}

/** Below this, two words share only a far-fetched reading ("Thai" is a "person of colour"): no match at all. */
const NOISE = 0.5;

/** How well a statement term means what a question term asks, 0..1. */
export function similarity(question: Term, statement: Term): number {
  let best = 0;
  for (const [concept, weight] of question.concepts) {
    const other = statement.concepts.get(concept);
    if (other === undefined) continue;
    // One step of meaning on each side at most: a question's synonym may meet a statement's synonym (the same
    // sense), but not what the statement is a kind of ("married" ~ "conjoin" is not "knit" → "join").
    if (weight < 1 && other < 0.85) continue;
    best = Math.max(best, weight * other);
  }
  // A word that asks about a topic means it in that topic's sense: "instrument" in "do you play an instrument?" is
  // a musical one, so an "account" (a legal instrument) is a weak match.
  const topics = [...question.concepts.keys()].filter((concept) => concept.startsWith("@"));
  const sameWord = best === 1;
  if (best > 0 && !sameWord && topics.length > 0 && !topics.some((topic) => statement.concepts.has(topic)))
    best *= OFF_TOPIC;
  return best >= NOISE ? best : 0;
}

const OFF_TOPIC = 0.75;

function expectedAnswer(question: string): Expected {
  const text = question.trim().toLowerCase();
  if (/^(?:and )?where\b/.test(text)) return "place";
  if (/^(?:and )?(?:when|what year|what time)\b/.test(text)) return "time";
  if (/^(?:and )?how many\b/.test(text)) return "number";
  if (/^(?:and )?who\b/.test(text)) return "person";
  return undefined;
}

const MONTHS =
  "january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday";
const TIME_WORDS = new RegExp(
  `\\b(?:1[89]\\d\\d|20\\d\\d|${MONTHS.replaceAll(" ", "|")}|morning|evening|night|nights|weekend|weekends|ago|autumn|spring|summer|winter|every|since|daily|weekly|year|years)\\b`,
  "i",
);
const NUMBER_WORDS =
  /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen|several|a few|no)\b/i;
const NAMED =
  /(?<!^|[.!?]\s)\b(?!I\b|I'|(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)[A-Z]\p{L}+/u;

/**
 * Whether a statement carries what a question needs besides its words: its essential frames; a place for "where", a
 * time for "when", a number for "how many", a name for "who"; and the twin itself, unless the question asks about
 * someone else ("what is your job?" is not answered by the husband's).
 */
export function answersKind(asked: Understood, statement: string, understood: Understood): boolean {
  const frames = new Set(understood.terms.map((term) => term.word));
  return (
    asked.essentials.every((frame) => frames.has(frame)) &&
    hasExpected(statement, asked.expects) &&
    (understood.about === "self" || asked.about === "other")
  );
}

function hasExpected(statement: string, expects: Expected): boolean {
  switch (expects) {
    case undefined:
      return true;
    case "place":
      return (
        NAMED.test(statement) ||
        /\b(?:home|abroad|city|town|village|country|countryside|office)\b/i.test(statement)
      );
    case "time":
      return TIME_WORDS.test(statement);
    case "number":
      return NUMBER_WORDS.test(statement);
    case "person":
      return NAMED.test(statement);
  }
}

/**
 * Words for the full-text index to find candidate passages by: the question's words, their dictionary forms,
 * synonyms and derived forms, and the members of any topic it asks about ("music" → violin, guitar, choir…), so the
 * passages the meaning match would take are among those the index hands over.
 */
export function searchWords(question: string, lexicon: WordNet = wordNet(), limit = 60): string[] {
  const words = new Set<string>();
  for (const term of understandQuestion(question, lexicon).terms) {
    // "make", "like": everywhere in a person's writing, they would only slow the index down.
    if (term.light) continue;
    for (const [concept, weight] of term.concepts) {
      if (concept.startsWith("@")) {
        for (const member of TOPICS[concept.slice(1)]?.members ?? []) words.add(member);
      } else if (weight >= 0.85) {
        for (const part of concept.split("_")) words.add(part);
      }
    }
  }
  return [...words].slice(0, limit);
}
