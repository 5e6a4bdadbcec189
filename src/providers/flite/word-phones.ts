import type { WordPhones } from "../../voice/word-alignment.js";
import { parsePhoneLines } from "./flite-output.js";
import { FRONT_END_VOICE } from "./flite-voices.js";
import type { WasiRunResult } from "./wasi-memory.js";

/** Runs flite with these arguments and input files (the synthesizer's own runner, with its error handling). */
type FliteRun = (args: string[], files?: Map<string, Uint8Array>) => Promise<WasiRunResult>;

/** Words remembered: a conversation's vocabulary is small, and a word's phones said alone never change. */
const MAX_REMEMBERED = 4096;

/**
 * The phones of each word said alone, for timing words against the sentence's phones. A word not seen before costs
 * one extra run of the cheapest voice's front end (a fresh WASM instance: about as long as bare flite takes for a
 * short sentence with the diphone voice), so words are remembered and the run is made only for new ones.
 */
export function createWordPhones(run: FliteRun): (text: string) => Promise<WordPhones[]> {
  const known = new Map<string, string[]>();
  return async (text) => {
    const tokens = text.split(" ").filter((token) => /[A-Za-z0-9]/.test(token));
    const unknown = [...new Set(tokens.filter((token) => !known.has(token)))];
    if (unknown.length > 0) {
      const learned = await phonesAlone(run, unknown);
      // Should flite ever join two paragraphs, word times would be wrong: leave them out rather than mislead.
      if (!learned) return [];
      learned.forEach((phones, index) => {
        remember(known, unknown[index] as string, phones);
      });
    }
    return tokens.map((token) => ({
      text: token.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, ""),
      phones: known.get(token) ?? [],
    }));
  };
}

/**
 * One run of the front end over a file with each word in its own paragraph: flite reads it as one utterance per word
 * and prints a line of phones for each. Undefined when the lines do not match the words one to one.
 */
async function phonesAlone(run: FliteRun, words: string[]): Promise<string[][] | undefined> {
  const file = new TextEncoder().encode(`${words.join("\n\n")}\n\n`);
  // Only the phones are wanted: a tiny duration stretch leaves them as they are and makes almost no audio, which
  // halves the run (measured: 60 ms against 120 ms for the bench's 18 words on a loaded machine).
  const result = await run(
    ["-voice", FRONT_END_VOICE, "--setf", "duration_stretch=0.01", "-ps", "-f", "/words.txt"],
    new Map([["/words.txt", file]]),
  );
  const lines = parsePhoneLines(result.stdout);
  return lines.length === words.length ? lines : undefined;
}

function remember(known: Map<string, string[]>, word: string, phones: string[]) {
  if (known.size >= MAX_REMEMBERED) {
    const oldest = known.keys().next();
    if (!oldest.done) known.delete(oldest.value);
  }
  known.set(word, phones);
}
