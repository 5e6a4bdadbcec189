/**
 * The people and animals an answer can mention that have a name worth asking for: "I have a cat" → "What's your cat
 * called?", "two sisters" → "What are your sisters' names?".
 */

export type SubjectKind = "partner" | "child" | "sibling" | "animal";

interface Noun {
  singular: string;
  plural: string;
  kind: SubjectKind;
}

const noun = (kind: SubjectKind, singular: string, plural = `${singular}s`): Noun => ({
  singular,
  plural,
  kind,
});

const NOUNS: Noun[] = [
  ...["wife", "husband", "partner", "girlfriend", "boyfriend", "spouse"].map((word) =>
    noun("partner", word, word === "wife" ? "wives" : `${word}s`),
  ),
  ...["son", "daughter", "kid", "boy", "girl", "baby"].map((word) =>
    noun("child", word, word === "baby" ? "babies" : `${word}s`),
  ),
  noun("child", "child", "children"),
  noun("child", "twin", "twins"),
  ...["brother", "sister", "sibling"].map((word) => noun("sibling", word)),
  ...[
    "cat",
    "dog",
    "kitten",
    "rabbit",
    "bunny",
    "hamster",
    "guinea pig",
    "parrot",
    "budgie",
    "bird",
    "horse",
    "tortoise",
    "turtle",
    "snake",
    "lizard",
    "gecko",
    "ferret",
    "chicken",
    "rat",
    "cockatiel",
    "canary",
  ].map((word) => noun("animal", word, word === "bunny" ? "bunnies" : `${word}s`)),
  noun("animal", "puppy", "puppies"),
  noun("animal", "pony", "ponies"),
  noun("animal", "mouse", "mice"),
  noun("animal", "fish", "fish"),
  noun("animal", "goldfish", "goldfish"),
];

/** A person or animal named in an answer, as it was said: "cat", "cats", "wife". */
export interface Subject {
  word: string;
  plural: boolean;
  kind: SubjectKind;
}

/** Every subject of the given kinds the text mentions, in order, each once. */
export function subjectsIn(text: string, kinds: SubjectKind[]): Subject[] {
  const found: { at: number; subject: Subject }[] = [];
  const lower = text.toLowerCase();
  for (const each of NOUNS) {
    if (!kinds.includes(each.kind)) continue;
    for (const [word, plural] of [
      [each.plural, each.plural !== each.singular],
      [each.singular, false],
    ] as const) {
      const match = new RegExp(`\\b${word}\\b`).exec(lower);
      if (match && !found.some((other) => overlaps(other, match.index, word))) {
        found.push({ at: match.index, subject: { word, plural, kind: each.kind } });
        break;
      }
    }
  }
  return found.sort((a, b) => a.at - b.at).map((each) => each.subject);
}

function overlaps(other: { at: number; subject: Subject }, at: number, word: string): boolean {
  return at < other.at + other.subject.word.length && other.at < at + word.length;
}

/** The subject as a known noun (a kind and whether it is plural), when the word is one. */
export function subjectOf(word: string): Subject | undefined {
  const lower = word.toLowerCase();
  for (const each of NOUNS) {
    if (each.plural === lower) return { word: lower, plural: each.plural !== each.singular, kind: each.kind };
    if (each.singular === lower) return { word: lower, plural: false, kind: each.kind };
  }
  return undefined;
}

/** "cat" → "cat's", "sisters" → "sisters'", "children" → "children's". */
export function possessive(word: string): string {
  return word.endsWith("s") ? `${word}'` : `${word}'s`;
}

/** True when the answer already gave the subject's name: "a cat called Tom", "my wife, Ana". */
export function nameGiven(text: string, subject: Subject): boolean {
  const word = `\\b${subject.word}\\b,?\\s+`;
  return (
    new RegExp(`${word}(?:(?:is|are)\\s+)?(?:called|named)\\s+\\S`, "i").test(text) ||
    new RegExp(`${word}[A-Z][a-z'-]+`).test(text)
  );
}
