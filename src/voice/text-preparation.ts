import { BadInputError } from "../core/errors.js";

/** The most characters one synthesis request takes; longer text goes through `splitSentences` first. */
export const MAX_TEXT_CHARACTERS = 5000;

export interface PreparedText {
  /** Plain ASCII text the English voices can say. */
  text: string;
  /** Characters that were dropped because no English voice can say them (emoji, other scripts), each once. */
  skipped: string[];
}

// Typography with a plain ASCII equivalent the voice reads the same way.
const REPLACEMENTS: [RegExp, string][] = [
  [/[\u2018\u2019\u201A\u201B\u2032]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033]/g, '"'],
  [/[\u2013\u2014\u2015]/g, ", "],
  [/\u2026/g, "..."],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, " "],
];

/**
 * Makes text sayable by an English voice: accents are folded (café → cafe), typography is made ASCII, and what no
 * English voice can say (emoji, other scripts, control characters) is dropped and reported. Throws a BadInputError
 * when nothing sayable remains, because silence would look like a bug to the person waiting for an answer.
 */
export function prepareText(input: string): PreparedText {
  if (typeof input !== "string" || input.trim() === "") throw new BadInputError("text is empty");
  let text = input.normalize("NFKD").replace(/\p{M}/gu, "");
  for (const [pattern, replacement] of REPLACEMENTS) text = text.replace(pattern, replacement);
  const skipped = new Set<string>();
  let kept = "";
  for (const character of text) {
    if (/[\x20-\x7E]/.test(character)) kept += character;
    else if (/\s/.test(character)) kept += " ";
    else if (!isEmojiModifier(character)) skipped.add(character);
  }
  kept = kept.replace(/\s+/g, " ").trim();
  if (!/[A-Za-z0-9]/.test(kept)) {
    const shown = [...skipped].slice(0, 8).join(" ");
    throw new BadInputError(
      `nothing sayable: the voices speak English and the text has no English letters or digits${shown ? ` (skipped: ${shown})` : ""}`,
    );
  }
  return { text: kept, skipped: [...skipped] };
}

/** Variation selectors and joiners belong to the emoji before them: not worth reporting on their own. */
function isEmojiModifier(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (code >= 0x200b && code <= 0x200d) || (code >= 0xfe00 && code <= 0xfe0f);
}

/** Throws a BadInputError for text over the per-request limit, naming the limit and the way round it. */
export function checkTextLength(text: string, limit = MAX_TEXT_CHARACTERS): void {
  if (text.length > limit) {
    throw new BadInputError(
      `text is ${text.length} characters; one request takes at most ${limit} (split longer text into sentences)`,
    );
  }
}
