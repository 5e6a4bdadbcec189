import { toFirstPerson } from "../brain/perspective.js";

/**
 * Reading a spoken or typed answer the way a listener would: filler words dropped, yes or no heard, whether it is
 * already a whole sentence ("I live in Lisbon with my wife") or only the missing piece ("Lisbon").
 */

const FILLER =
  /^(?:(?:well|um+|uh+|oh|hmm+|so|ok|okay|let me think|i'd say|i would say|i guess|i think|probably|definitely|honestly|it's|it is|that's|that is|that would be)\b[\s,.!-]*)+/i;

/** The answer without leading fillers, surrounding spaces, or closing punctuation ("Lisbon?" is still Lisbon). */
export function cleanAnswer(answer: string): string {
  return answer
    .trim()
    .replace(/\s+/g, " ")
    .replace(/^["'“]+|["'”]+$/g, "")
    .replace(FILLER, "")
    .replace(/[\s.!?…,;:]+$/, "");
}

const NOTHING =
  /^(?:(?:nothing|none|not much|not really|no idea|not sure|i'm not sure|dunno|i don't know|i dont know|i do not know)\b.*|no|nope|nah|yes|yeah|yep|yup|n\/a|pass|no comment)$/i;

/** "I don't know", "nothing at the moment", "pass", a bare "yes": no answer to an open question. */
export function saysNothing(answer: string): boolean {
  return answer === "" || NOTHING.test(answer);
}

const YES =
  /^(?:yes|yeah|yea|yep|yup|ya|sure|of course|i do|i have|i am|i'm|correct|absolutely|indeed|definitely|certainly)\b[\s,.!:;-]*/i;
const NO =
  /^(?:no|nope|nah|not really|none|i don't|i do not|i haven't|i have not|never|not yet)\b[\s,.!:;-]*/i;
const NEGATION =
  /\b(?:no|not|don't|do not|haven't|have not|never|none|nobody|isn't|aren't|without|neither)\b/i;

export type Polarity = "yes" | "no" | "unsaid";

/** Yes, no, or neither said, and what follows it ("yes, a cat" → yes + "a cat"). */
export function readYesNo(answer: string): { polarity: Polarity; rest: string } {
  const no = NO.exec(answer);
  if (no) return { polarity: "no", rest: answer.slice(no[0].length) };
  const yes = YES.exec(answer);
  if (yes) return { polarity: "yes", rest: answer.slice(yes[0].length) };
  return { polarity: NEGATION.test(answer) ? "no" : "unsaid", rest: answer };
}

/** True when the text says no to something: "I don't work", "no pets". */
export function isNegative(text: string): boolean {
  return NEGATION.test(text);
}

const SUBJECT_START =
  /^(?:i|i'm|im|i've|i'd|i'll|we|we're|we've|you|you're|you've|he|she|they|he's|she's|they're)\b/i;
const POSSESSIVE_START = /^(?:my|our|your|his|her|their|mum|mom|dad|mother|father)\b/i;
const VERB =
  /(?:\b(?:am|is|are|was|were|be|been|have|has|had|do|does|did|can|will|would|should|love|loves|like|likes|live|lives|lived|work|works|worked|grew|enjoy|enjoys|hate|hates|think|thinks|believe|believes|play|plays|called|named)\b|'s\b|'re\b)/i;

/** A whole statement already ("I live in Lisbon", "my cat is called Tom"), not only the missing piece ("Lisbon"). */
export function isStatement(text: string): boolean {
  if (SUBJECT_START.test(text)) return true;
  return POSSESSIVE_START.test(text) && VERB.test(text.replace(/^\S+/, ""));
}

/** Second person to first ("your mum" → "my mum"), so any answer reads as the twin saying it. */
export function inFirstPerson(text: string): string {
  return toFirstPerson(text);
}

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** "2", "two" → 2; undefined when the text is not a small count. */
export function countIn(text: string): number | undefined {
  const word = text.toLowerCase().replace(/^just\s+/, "");
  if (/^\d{1,2}$/.test(word)) return Number(word);
  const index = NUMBER_WORDS.indexOf(word);
  return index >= 0 ? index : undefined;
}

/** 2 → "two"; larger numbers as digits. */
export function numberWord(count: number): string {
  return NUMBER_WORDS[count] ?? String(count);
}

/** "a" or "an" before a word, by its first sound as spelled. */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) && !/^(?:uni|use|eu|one)/i.test(word) ? "an" : "a";
}

/** A name as people write it: "ana maria" → "Ana Maria"; "and" stays small. */
export function properName(text: string): string {
  return text
    .split(" ")
    .map((word) =>
      /^(?:and|&|or|de|da|van|von|der)$/i.test(word)
        ? word.toLowerCase()
        : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join(" ");
}
