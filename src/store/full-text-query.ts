/** Words too common to say anything about which passage answers: matching them would rank every passage. */
const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its " +
    "me my of on or our she so than that the their them then there these they this to was we were what when where " +
    "which who whom why will with would you your yours about just not no yes any some all"
  ).split(" "),
);

/** At most this many words of a query reach the index; a pasted paragraph as a query must not cost seconds. */
export const MAX_QUERY_WORDS = 32;

/**
 * The words of a free-text query that a full-text index can look up: letters and digits only (so nothing the user
 * typed can be read as query syntax), lower case, without stop words or repeats, at most MAX_QUERY_WORDS.
 */
export function queryWords(query: string): string[] {
  const words = new Set<string>();
  for (const [word] of query
    .toLowerCase()
    .normalize("NFC")
    .matchAll(/[\p{L}\p{N}]+/gu)) {
    if (STOP_WORDS.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    words.add(word);
    if (words.size === MAX_QUERY_WORDS) break;
  }
  return [...words];
}

/** An FTS5 MATCH expression matching passages with ANY of the words, each a quoted string (no operators). */
export function fts5Query(words: string[]): string {
  return words.map((word) => `"${word}"`).join(" OR ");
}

/** A `to_tsquery` text matching documents with ANY of the words; the words hold no tsquery operators. */
export function tsQuery(words: string[]): string {
  return words.join(" | ");
}

/**
 * Ranking is what a search pays for, per passage that matches: a word in thousands of passages (think "time" or "work"
 * over a twin's whole diary) costs more than the rest of the query together and, being common, says little. Beyond
 * this many matches to rank, the commonest words are left out.
 */
export const RANKED_MATCHES_BUDGET = 1500;

/**
 * The words to rank with, given how many passages hold each: the rarest first, while their matches fit the budget;
 * never fewer than the rarest word that matches anything. Words that match nothing are dropped (they change nothing).
 */
export function wordsWithinBudget(
  words: string[],
  matches: number[],
  budget: number = RANKED_MATCHES_BUDGET,
): string[] {
  const found = words
    .map((word, index) => ({ word, count: matches[index] ?? 0 }))
    .filter((each) => each.count > 0)
    .sort((a, b) => a.count - b.count);
  const kept: string[] = [];
  let total = 0;
  for (const { word, count } of found) {
    if (kept.length > 0 && total + count > budget) break;
    kept.push(word);
    total += count;
  }
  return kept;
}
