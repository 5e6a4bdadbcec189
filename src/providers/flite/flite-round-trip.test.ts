import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeWav } from "../../voice/wav.js";
import { createFliteSynthesizer } from "./flite-synthesizer.js";

// Everyday sentences a twin might say, with words in PocketSphinx's generic language model.
const SENTENCES = [
  "The quick brown fox jumps over the lazy dog.",
  "I remember when we went to the beach and the water was cold.",
  "Thank you, that was a very good question.",
  "My favorite book is about a boy who learns to fly.",
  "Please call me tomorrow morning after nine.",
];
const MODEL = "/usr/share/pocketsphinx/model/en-us";

/** Words PocketSphinx (Debian `pocketsphinx`, `pocketsphinx-en-us`) hears in a 16 kHz WAV. */
function recognise(path: string): string[] {
  const args = ["-infile", path, "-hmm", `${MODEL}/en-us`, "-lm", `${MODEL}/en-us.lm.bin`];
  const text = execFileSync("pocketsphinx_continuous", [...args, "-dict", `${MODEL}/cmudict-en-us.dict`], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  return words(text);
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z' ]+/g, " ")
    .split(/\s+/)
    .filter(Boolean);
}

/** Word-level edit distance. */
function wordErrors(reference: string[], hypothesis: string[]): number {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, index) => index);
  for (let i = 1; i <= reference.length; i++) {
    const row = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      const same = reference[i - 1] === hypothesis[j - 1] ? 0 : 1;
      row.push(
        Math.min((previous[j - 1] as number) + same, (previous[j] as number) + 1, (row[j - 1] as number) + 1),
      );
    }
    previous = row;
  }
  return previous[hypothesis.length] as number;
}

describe("round trip: flite speech recognised back by PocketSphinx", () => {
  const directory = mkdtempSync(join(tmpdir(), "aitwin-round-trip-"));
  const synthesizer = createFliteSynthesizer();

  /*
   * The bound: PocketSphinx's small acoustic model was trained on human speech, not on flite's, and its generic
   * language model prefers common word forms ("jumped" for "jumps", "gold" for "cold"). Measured on these 48 words:
   * rms 6%, kal16 8%, awb 10%, slt 17%. Both programs are deterministic, so the bound cannot flake; 20% still fails
   * when audio is silent, cut short, at the wrong sample rate or mangled in encoding.
   */
  it.each(["slt", "rms", "awb", "kal16"])(
    "voice %s is understood with a word error rate of at most 0.20",
    async (voice) => {
      let errors = 0;
      let total = 0;
      for (const [index, sentence] of SENTENCES.entries()) {
        const { audio } = await synthesizer.synthesize({ text: sentence, voice });
        const path = join(directory, `${voice}-${index}.wav`);
        writeFileSync(path, encodeWav(audio));
        errors += wordErrors(words(sentence), recognise(path));
        total += words(sentence).length;
      }
      expect(errors / total).toBeLessThanOrEqual(0.2);
    },
  );
});
