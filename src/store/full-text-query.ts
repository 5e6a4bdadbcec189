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
