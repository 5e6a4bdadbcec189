/** The longest sentence sent to the voice at once; longer ones are cut at a comma or a space so audio starts sooner. */
export const MAX_SENTENCE_CHARACTERS = 400;

// Words whose trailing period does not end a sentence.
const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof st sr jr vs etc eg ie e.g i.e no approx dept est fig inc ltd jan feb mar apr jun jul aug sep sept oct nov dec".split(
    " ",
  ),
);

/**
 * Cuts streaming text into sentences as it arrives, so the first sentence can be spoken while the rest is still being
 * written. A sentence ends at a blank line, or at `.`, `!`, `?`, `…` (closing quotes and brackets included) followed
 * by white space, except
 * after an abbreviation, a single initial, or a dotted word ("p.m.") followed by a lower-case word.
 */
export class SentenceSplitter {
  private buffer = "";

  constructor(private readonly maxCharacters = MAX_SENTENCE_CHARACTERS) {}

  /** Adds text; returns the sentences it completed. */
  push(delta: string): string[] {
    this.buffer += delta;
    const sentences: string[] = [];
    const boundary = /[.!?…]+["')\]”’]*\s+|\n\s*\n/g;
    let start = 0;
    for (let match = boundary.exec(this.buffer); match; match = boundary.exec(this.buffer)) {
      const end = match.index + match[0].length;
      const lastWord = /(\S+?)[.!?…]*["')\]”’]*$/.exec(this.buffer.slice(start, match.index + 1))?.[1] ?? "";
      if (match[0].startsWith(".")) {
        const isAbbreviation = ABBREVIATIONS.has(lastWord.toLowerCase()) || /^[A-Za-z]$/.test(lastWord);
        if (isAbbreviation) continue;
        // After a dotted word ("p.m."), only a capital starts a sentence: wait for the next word to tell.
        const next = this.buffer[end];
        if (lastWord.includes(".") && next === undefined) break;
        if (lastWord.includes(".") && /[a-z]/.test(next ?? "")) continue;
      }
      sentences.push(...this.cut(this.buffer.slice(start, end)));
      start = end;
    }
    this.buffer = this.buffer.slice(start);
    // A sentence that never ends (a list, a run-on) is still cut, so no sentence waits for more than the limit.
    if (this.buffer.length > this.maxCharacters) {
      const pieces = this.cut(this.buffer);
      this.buffer = pieces.pop() ?? "";
      sentences.push(...pieces);
    }
    return sentences.filter((sentence) => /[A-Za-z0-9]/.test(sentence));
  }

  /** The rest of the text, once the stream has ended. */
  flush(): string[] {
    const rest = this.cut(this.buffer);
    this.buffer = "";
    return rest.filter((sentence) => /[A-Za-z0-9]/.test(sentence));
  }

  private cut(text: string): string[] {
    const pieces: string[] = [];
    let rest = text.trim();
    while (rest.length > this.maxCharacters) {
      const window = rest.slice(0, this.maxCharacters);
      const comma = Math.max(window.lastIndexOf(", "), window.lastIndexOf("; "), window.lastIndexOf(": "));
      const space = window.lastIndexOf(" ");
      const at = comma > this.maxCharacters / 2 ? comma + 1 : space > 0 ? space : this.maxCharacters;
      pieces.push(rest.slice(0, at).trim());
      rest = rest.slice(at).trim();
    }
    if (rest) pieces.push(rest);
    return pieces;
  }
}

/** Splits a whole text into sentences (at most `maxCharacters` each). */
export function splitSentences(text: string, maxCharacters = MAX_SENTENCE_CHARACTERS): string[] {
  const splitter = new SentenceSplitter(maxCharacters);
  return [...splitter.push(text), ...splitter.flush()];
}
