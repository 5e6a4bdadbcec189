import type { TimedWord } from "../core/timeline.js";
import { isPause, type PhoneSegment } from "./phone-segments.js";

/** A word as the reader sees it, with the phones the synthesiser says for it on its own. */
export interface WordPhones {
  text: string;
  phones: string[];
}

/**
 * Times words by aligning their phones, said one by one, to the phones of the whole sentence. The two differ a little
 * (in context "the" becomes "dh iy" before a vowel), so an edit-distance alignment is used rather than counting.
 * Words that get no phone (nothing said for them) are left out.
 */
export function alignWords(words: WordPhones[], segments: PhoneSegment[]): TimedWord[] {
  const expected = words.flatMap((word, index) =>
    word.phones.filter((phone) => !isPause(phone)).map(() => index),
  );
  const expectedPhones = words.flatMap((word) => word.phones.filter((phone) => !isPause(phone)));
  const spoken = segments.filter((segment) => !isPause(segment.phone));
  const owner = alignIndices(
    expectedPhones,
    spoken.map((segment) => segment.phone),
  ).map((index) => (index === undefined ? undefined : expected[index]));
  // Spoken phones the words did not predict belong to the word before them.
  for (let index = 0; index < owner.length; index++)
    owner[index] ??= index > 0 ? owner[index - 1] : expected[0];
  const timed: TimedWord[] = [];
  words.forEach((word, wordIndex) => {
    const mine = spoken.filter((_, index) => owner[index] === wordIndex);
    const first = mine[0];
    const last = mine.at(-1);
    if (!first || !last) return;
    const start = Math.round(first.start);
    timed.push({ text: word.text, start, duration: Math.round(last.end) - start });
  });
  return timed;
}

/** For each phone of `actual`, the index of the phone of `expected` it aligns to (undefined where inserted). */
function alignIndices(expected: string[], actual: string[]): (number | undefined)[] {
  const rows = expected.length + 1;
  const columns = actual.length + 1;
  const cost = new Uint32Array(rows * columns);
  for (let i = 0; i < rows; i++) cost[i * columns] = i;
  for (let j = 0; j < columns; j++) cost[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const substitute =
        (cost[(i - 1) * columns + j - 1] as number) + (expected[i - 1] === actual[j - 1] ? 0 : 1);
      const remove = (cost[(i - 1) * columns + j] as number) + 1;
      const insert = (cost[i * columns + j - 1] as number) + 1;
      cost[i * columns + j] = Math.min(substitute, remove, insert);
    }
  }
  const result: (number | undefined)[] = new Array(actual.length).fill(undefined);
  let i = rows - 1;
  let j = columns - 1;
  while (i > 0 && j > 0) {
    const here = cost[i * columns + j] as number;
    const diagonal =
      (cost[(i - 1) * columns + j - 1] as number) + (expected[i - 1] === actual[j - 1] ? 0 : 1);
    if (here === diagonal) {
      result[j - 1] = i - 1;
      i--;
      j--;
    } else if (here === (cost[(i - 1) * columns + j] as number) + 1) i--;
    else j--;
  }
  return result;
}
