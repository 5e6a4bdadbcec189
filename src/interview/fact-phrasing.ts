import { tidy } from "../brain/perspective.js";
import { article, inFirstPerson, isStatement, properName } from "./answer-reading.js";
import { possessive, type Subject } from "./named-subjects.js";

/**
 * Turning the missing piece of an answer into a first-person fact the twin can say: "Lisbon" to "Where do you
 * live?" → "I live in Lisbon."; an answer that is already a sentence is kept as the person said it.
 */

/** The answer as a fact: kept when it is already a sentence, else put into the question's sentence. */
export function phrased(answer: string, sentence: (piece: string) => string): string {
  const firstPerson = inFirstPerson(answer);
  return tidy(isStatement(answer) ? firstPerson : sentence(firstPerson));
}

const PLACE_PREPOSITION =
  /^(?:in|near|on|at|by|with|outside|around|close to|just outside|between|across|up|down|all over|here|there|abroad|nearby|locally|everywhere|overseas|downtown|home)\b/i;

/** "Lisbon" → "in Lisbon"; "near the sea", "abroad" and "with my parents in Madrid" stay; "a farm" → "on a farm". */
export function place(piece: string): string {
  if (PLACE_PREPOSITION.test(piece)) return uncapitalised(piece);
  return /^(?:a|an|the)\s+(?:farm|island|boat|ranch|coast)\b/i.test(piece) ? `on ${piece}` : `in ${piece}`;
}

/** "Teacher" typed at the start of a line is a teacher; "CEO" stays as written. */
export function uncapitalised(piece: string): string {
  return /^[A-Z][a-z]/.test(piece) ? piece.charAt(0).toLowerCase() + piece.slice(1) : piece;
}

const STATE_OF_WORK =
  /^(?:retired|unemployed|self-employed|freelance|a freelancer|between jobs|a student|student|a stay-at-home \w+|on leave|looking for work)\b/i;

/** "nurse" → "I work as a nurse."; "in finance" → "I work in finance."; "retired" → "I'm retired." */
export function work(said: string): string {
  const piece = uncapitalised(said);
  if (STATE_OF_WORK.test(piece)) return `I'm ${piece.replace(/^student\b/i, "a student")}`;
  if (/^(?:in|at|for|on|with|from)\b/i.test(piece)) return `I work ${piece}`;
  const first = piece.split(" ")[0] ?? "";
  if (/ing$/i.test(first)) return `I work in ${piece}`;
  if (/^(?:a|an|the)\b/i.test(piece)) return `I work as ${piece}`;
  return `I work as ${article(piece)} ${piece}`;
}

/** Work that has no "what do you like about it" to ask. */
export function isWithoutWork(piece: string): boolean {
  return /\b(?:retired|unemployed|between jobs|looking for work|don't work|do not work|not working)\b/i.test(
    piece,
  );
}

const BARE_VERB =
  /^(?:play|go|read|cook|watch|paint|swim|run|walk|hike|write|draw|sing|dance|garden|knit|climb|travel|bake|ski|surf|fish|sail|ride|cycle|make|build|listen|take|spend|visit|collect|sew|camp|meditate|practise|practice|learn|study|hang)\b/i;

/** "reading and hiking" → "In my free time I like reading and hiking."; "play chess" → "… I like to play chess." */
export function pastime(said: string): string {
  const piece = uncapitalised(said);
  return BARE_VERB.test(piece) ? `In my free time I like to ${piece}` : `In my free time I like ${piece}`;
}

const CLAUSE = /\b(?:is|are|was|should|can|will|must|matters?|deserves?|comes?|makes?|wins?|have|has)\b/i;

/** "kindness" → "I believe in kindness."; "people are good" → "I believe that people are good." */
export function belief(piece: string): string {
  if (/^(?:in|that)\b/i.test(piece)) return `I believe ${piece}`;
  return CLAUSE.test(piece) ? `I believe that ${piece}` : `I believe in ${piece}`;
}

/** "lovely" → "My parents are lovely."; "they're teachers" → "My parents are teachers."; "mum is…" → "My mum is…". */
export function parents(answer: string): string {
  const said = answer
    .replace(/^(?:they're|they are)\b/i, "my parents are")
    .replace(/^they\b/i, "my parents")
    .replace(/^(mum|mom|dad|mother|father)\b/i, "my $1");
  return said === answer ? phrased(answer, (piece) => `My parents are ${piece}`) : tidy(inFirstPerson(said));
}

/** "Tom" for a cat → "My cat is called Tom."; "Maya and Leo" for children → "My children are called Maya and Leo." */
export function nameFact(answer: string, subject: Subject): string {
  const bare = answer
    .replace(/^(?:(?:his|her|its|their|the)\s+names?\s+(?:is|are)\s+)/i, "")
    .replace(/^(?:(?:he|she|it|they)(?:'s|'re| is| are)\s+)?(?:called|named)\s+/i, "");
  if (isStatement(bare)) return tidy(inFirstPerson(bare));
  return tidy(`My ${subject.word} ${subject.plural ? "are" : "is"} called ${properName(bare)}`);
}

/** "What's your cat called?", "What's your wife's name?", "What are your sisters' names?" */
export function nameQuestion(subject: Subject): string {
  if (subject.kind === "animal") {
    return subject.plural ? `What are your ${subject.word} called?` : `What's your ${subject.word} called?`;
  }
  return subject.plural
    ? `What are your ${possessive(subject.word)} names?`
    : `What's your ${possessive(subject.word)} name?`;
}

/** The name the person gave, without "I'm", "my name is", "call me" around it. */
export function personName(answer: string): string | undefined {
  const name = answer
    .replace(
      /^(?:hi|hello|hey)?[\s,!]*(?:i'm|im|i am|my name is|my name's|the name's|name's|it's|(?:[\w ]*\s)?calls? me)\s+/i,
      "",
    )
    .replace(/[\s.!,]+$/, "")
    .trim();
  if (name === "" || name.length > 100) return undefined;
  return properName(name);
}

/** How the person speaks, as a style the brain reads: "I'm quite formal" → "quite formal". */
export function speakingStyle(answer: string): string | undefined {
  const style = answer
    .replace(
      /^(?:i'd say|i would say|i think|mostly|probably)?[\s,]*(?:i'm|im|i am|i sound|my style is|it's|i'd describe it as|i would describe it as)?\s*/i,
      "",
    )
    .replace(/^(?:like|as)\s+/i, "")
    .trim();
  if (style === "" || style.length > 500) return undefined;
  return /^I\b/.test(style) ? style : style.charAt(0).toLowerCase() + style.slice(1);
}
