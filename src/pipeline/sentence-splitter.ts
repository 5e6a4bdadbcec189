/**
 * Cuts streaming text into sentences as soon as each is complete, so the first sentence can be spoken while the
 * brain is still writing the next. A terminator only ends a sentence once the following whitespace has arrived:
 * "Dr." and "3.5" must not be cut.
 */
const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof sr jr st vs etc e.g i.e a.m p.m fig approx dept est inc ltd co mt ave"
    .split(" ")
    .map((word) => `${word}.`),
);

/** Past this many characters without a full stop, a clause boundary (", ; :") is good enough to start speaking. */
const SOFT_LIMIT = 180;

export function findSentenceEnd(buffer: string): number {
  const terminator = /([.!?…]+)(["'”’)\]]*)(\s+)|(\n\s*\n?)/g;
  for (let match = terminator.exec(buffer); match; match = terminator.exec(buffer)) {
    if (match[4] !== undefined) return match.index + match[0].length;
    const end = match.index + match[0].length;
    if (match[1] === "." && isAbbreviation(buffer.slice(0, match.index + 1))) continue;
    return end;
  }
  if (buffer.length > SOFT_LIMIT) {
    const clause = /[,;:]\s+/g;
    let last = -1;
    for (let match = clause.exec(buffer); match; match = clause.exec(buffer)) {
      if (match.index > SOFT_LIMIT / 2) last = match.index + match[0].length;
    }
    if (last > 0) return last;
  }
  return -1;
}

function isAbbreviation(textEndingInDot: string): boolean {
  const word = /(\S+)$/.exec(textEndingInDot)?.[1]?.toLowerCase() ?? "";
  if (ABBREVIATIONS.has(word.replace(/^["'([]+/, ""))) return true;
  // A single capital letter and a dot is an initial: "J. R. R. Tolkien".
  return /^[A-Z]\.$/.test(/(\S+)$/.exec(textEndingInDot)?.[1] ?? "");
}
