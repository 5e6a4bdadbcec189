/**
 * The person talking to the twin is, usually, the person the twin mirrors. "Remember that you love jazz" and
 * "remember that my favourite food is ramen" both describe the twin, who must say "I love jazz" and
 * "my favourite food is ramen". So second-person words become first person; first person stays.
 */
const SECOND_TO_FIRST: [RegExp, string][] = [
  [/\byou are\b/gi, "I am"],
  [/\byou're\b/gi, "I'm"],
  [/\byou were\b/gi, "I was"],
  [/\byou've\b/gi, "I've"],
  [/\byou'll\b/gi, "I'll"],
  [/\byou'd\b/gi, "I'd"],
  [/\byourself\b/gi, "myself"],
  [/\byours\b/gi, "mine"],
  [/\byour\b/gi, "my"],
  [/\bare you\b/gi, "am I"],
  [/\bwere you\b/gi, "was I"],
];

/** After these, "you" is an object ("tell you" → "tell me"); elsewhere it is a subject ("you like" → "I like"). */
const OBJECT_CONTEXT =
  /\b(to|for|with|at|about|from|of|by|like|love|loves|hate|hates|tell|told|give|gave|call|called|see|saw|met|know|knows|make|makes|made|help|helps|thank)\s+$/i;

export function toFirstPerson(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECOND_TO_FIRST) {
    result = result.replace(pattern, (match) => matchCase(match, replacement));
  }
  return result.replace(/\byou\b/gi, (match, offset: number) => {
    const before = result.slice(0, offset);
    return matchCase(match, OBJECT_CONTEXT.test(before) ? "me" : "I");
  });
}

function matchCase(original: string, replacement: string): string {
  // "I" is always upper case; other words follow the case of what they replace.
  if (replacement.startsWith("I ") || replacement === "I" || replacement.startsWith("I'")) return replacement;
  return original[0] === original[0]?.toUpperCase() ? capitalise(replacement) : replacement;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Something the user told the twin about itself, as the twin would say it: first person, tidied. */
export function asStatement(text: string): string {
  return tidy(toFirstPerson(text));
}

/** Capitalised, single-spaced, ending in punctuation; "" for blank text. */
export function tidy(text: string): string {
  const trimmed = text
    .trim()
    .replace(/\s+/g, " ")
    .replace(/[\s,;:]+$/, "");
  if (trimmed === "") return "";
  const sentence = capitalise(trimmed);
  return /[.!?…]["')\]]?$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Lower-cases the first letter unless it starts "I" or a proper-looking word, for embedding in a sentence. */
export function embedded(statement: string): string {
  const withoutEnd = statement.replace(/[.!?…]+$/, "");
  if (/^(I\b|I'|[A-Z][a-z]*[A-Z])/.test(withoutEnd)) return withoutEnd;
  return withoutEnd.charAt(0).toLowerCase() + withoutEnd.slice(1);
}
