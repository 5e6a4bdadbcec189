import type { SpeechTimeline, TimedViseme, TimedWord, Viseme } from "../../core/timeline.js";

/** ElevenLabs' alignment: one entry per character of the text, with its start and end in seconds. */
export interface CharacterAlignment {
  characters: string[];
  character_start_times_seconds: number[];
  character_end_times_seconds: number[];
}

interface TimedCharacter {
  character: string;
  start: number;
  end: number;
}

/** Letter pairs that make one mouth shape. */
const DIGRAPHS: Readonly<Record<string, Viseme>> = {
  th: "TH",
  sh: "CH",
  ch: "CH",
  ph: "FF",
  ng: "nn",
  ck: "kk",
  wh: "U",
  oo: "U",
  ee: "I",
};

const LETTERS: Readonly<Record<string, Viseme>> = {
  a: "aa",
  e: "E",
  i: "I",
  o: "O",
  u: "U",
  y: "I",
  b: "PP",
  m: "PP",
  p: "PP",
  f: "FF",
  v: "FF",
  d: "DD",
  t: "DD",
  l: "DD",
  n: "nn",
  k: "kk",
  g: "kk",
  c: "kk",
  q: "kk",
  x: "kk",
  j: "CH",
  s: "SS",
  z: "SS",
  r: "RR",
  w: "U",
};

/** Under this a shape is not seen: it joins the shape before it (its edges stay on character boundaries). */
const MIN_VISEME_MS = 35;

/**
 * The word and viseme timeline from character timings: words are runs of letters, digits and apostrophes; each
 * letter (or digraph: "th", "sh", …) is a mouth shape spanning its characters' times, spaces and punctuation close
 * the mouth. English spelling is a loose guide to sound, but the timing is the service's own, so the mouth opens and
 * closes when the voice does.
 */
export function timelineFromCharacters(alignment: CharacterAlignment, durationMs: number): SpeechTimeline {
  const characters = timedCharacters(alignment);
  return { duration: durationMs, words: wordsOf(characters), visemes: visemesOf(characters, durationMs) };
}

function timedCharacters(alignment: CharacterAlignment): TimedCharacter[] {
  const count = Math.min(
    alignment.characters.length,
    alignment.character_start_times_seconds.length,
    alignment.character_end_times_seconds.length,
  );
  const timed: TimedCharacter[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.round((alignment.character_start_times_seconds[i] as number) * 1000);
    const end = Math.round((alignment.character_end_times_seconds[i] as number) * 1000);
    timed.push({ character: alignment.characters[i] as string, start, end: Math.max(start, end) });
  }
  return timed;
}

const isWordCharacter = (character: string) => /^[\p{L}\p{N}'’]$/u.test(character);

function wordsOf(characters: TimedCharacter[]): TimedWord[] {
  const words: TimedWord[] = [];
  let current: TimedCharacter[] = [];
  const flush = () => {
    const text = current
      .map((each) => each.character)
      .join("")
      .replace(/^['’]+|['’]+$/g, "");
    const first = current[0];
    const last = current.at(-1);
    if (text && first && last) words.push({ text, start: first.start, duration: last.end - first.start });
    current = [];
  };
  for (const each of characters) {
    if (isWordCharacter(each.character)) current.push(each);
    else flush();
  }
  flush();
  return words;
}

function visemesOf(characters: TimedCharacter[], durationMs: number): TimedViseme[] {
  const shapes: { viseme: Viseme; start: number; end: number }[] = [];
  const push = (viseme: Viseme, start: number, end: number) => {
    const last = shapes.at(-1);
    if (last && last.viseme === viseme && last.end >= start) last.end = Math.max(last.end, end);
    else if (end > start) shapes.push({ viseme, start, end });
  };
  for (let i = 0; i < characters.length; i++) {
    const here = characters[i] as TimedCharacter;
    const letter = here.character.toLowerCase();
    const next = characters[i + 1];
    const pair = next ? DIGRAPHS[letter + next.character.toLowerCase()] : undefined;
    if (pair && next) {
      push(pair, here.start, next.end);
      i++;
      continue;
    }
    if (letter === "h") {
      // A breath: the mouth already takes the next sound's shape.
      push(next ? (LETTERS[next.character.toLowerCase()] ?? "sil") : "sil", here.start, here.end);
      continue;
    }
    const longWord = [1, 2, 3].every((back) => isWordCharacter(characters[i - back]?.character ?? " "));
    if (letter === "e" && longWord && !isWordCharacter(next?.character ?? " ")) {
      // A silent final "e" ("made", "there") is the end of the sound before it.
      const previous = shapes.at(-1);
      if (previous) {
        previous.end = Math.max(previous.end, here.end);
        continue;
      }
    }
    push(LETTERS[letter] ?? "sil", here.start, here.end);
  }
  const merged: { viseme: Viseme; start: number; end: number }[] = [];
  for (const shape of shapes) {
    const last = merged.at(-1);
    if (last && (shape.end - shape.start < MIN_VISEME_MS || last.viseme === shape.viseme))
      last.end = shape.end;
    else merged.push({ ...shape });
  }
  const visemes: TimedViseme[] = [];
  let cursor = 0;
  for (const shape of merged) {
    if (shape.start > cursor) visemes.push({ viseme: "sil", start: cursor, duration: shape.start - cursor });
    const start = Math.max(shape.start, cursor);
    if (shape.end > start) visemes.push({ viseme: shape.viseme, start, duration: shape.end - start });
    cursor = Math.max(cursor, shape.end);
  }
  if (durationMs > cursor) visemes.push({ viseme: "sil", start: cursor, duration: durationMs - cursor });
  return visemes;
}
