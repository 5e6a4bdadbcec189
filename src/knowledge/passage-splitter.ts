import { splitSentences } from "../voice/sentence-splitter.js";

/** A passage grows sentence by sentence up to this many characters: a few sentences, enough to answer from. */
export const MAX_PASSAGE_CHARACTERS = 600;
/** A passage shorter than this takes the next sentence even past the maximum… */
const MIN_PASSAGE_CHARACTERS = 300;
/** …unless that would make it longer than this (a run-on sentence is cut by the sentence splitter anyway). */
const HARD_MAX_CHARACTERS = 900;

/** Text cut into passages of a few whole sentences each (~300–600 characters), in order. */
export function splitPassages(text: string): string[] {
  const sentences: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const flat = paragraph.replace(/\s+/g, " ").trim();
    if (flat) sentences.push(...splitSentences(flat, MAX_PASSAGE_CHARACTERS));
  }
  return packPassages(sentences);
}

/** Consecutive sentences (or chat messages) packed into passages of ~300–600 characters. */
export function packPassages(sentences: string[]): string[] {
  const passages: string[] = [];
  let current = "";
  for (const raw of sentences) {
    const sentence = raw.replace(/\s+/g, " ").trim();
    if (!sentence) continue;
    const joined = current ? `${current} ${sentence}` : sentence;
    const fits =
      joined.length <= MAX_PASSAGE_CHARACTERS ||
      (current.length < MIN_PASSAGE_CHARACTERS && joined.length <= HARD_MAX_CHARACTERS);
    if (current && !fits) {
      passages.push(current);
      current = sentence;
    } else {
      current = joined;
    }
  }
  if (current) passages.push(current);
  return passages;
}
