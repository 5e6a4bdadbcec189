import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TESTDATA } from "../../audio-input/test-support/recordings.js";
import { findPocketsphinx } from "./pocketsphinx-install.js";
import { PocketsphinxStream } from "./pocketsphinx-process.js";

const lookup = findPocketsphinx();
if (!lookup.found) throw new Error(lookup.reason);
const { install } = lookup;

/** "go forward ten meters", recorded, cut where the voice stops, then 150 ms of quiet and nothing more. */
function speechThenShortQuiet(): Int16Array {
  const raw = new Int16Array(new Uint8Array(readFileSync(`${TESTDATA}/goforward.raw`)).buffer);
  let end = raw.length;
  while (end > 0 && Math.abs(raw[end - 1] as number) < 300) end--;
  const samples = new Int16Array(end + 2400);
  samples.set(raw.subarray(0, end));
  return samples;
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const stop = Date.now() + ms;
  while (!check() && Date.now() < stop) await new Promise((resolve) => setTimeout(resolve, 50));
  return check();
}

describe("pocketsphinx stream closing a phrase at the pause", () => {
  it("tells the phrase's words after 150 ms of quiet, writing quiet ahead at the pause and never inside a word", async () => {
    const samples = speechThenShortQuiet();
    const early = new PocketsphinxStream(install, { closeAfterMs: 200, closeAtPauseMs: 120 });
    const plain = new PocketsphinxStream(install, { closeAfterMs: 200 });
    try {
      // As a microphone sends it, 60 ms at a time: this speaker's "f" of "forward" is quieter than −36 dBFS.
      for (let at = 0; at < samples.length; at += 960) {
        early.write(samples.subarray(at, at + 960));
        plain.write(samples.subarray(at, at + 960));
      }
      expect(early.pausesClosed).toBe(1);
      expect(plain.pausesClosed).toBe(0);
      expect(await until(() => early.heardSoFar() !== "", 30_000)).toBe(true);
      expect(early.heardSoFar()).toBe("go forward ten meters");
      const [closed, ended] = [await early.finish(), await plain.finish()];
      expect(closed.text).toBe(ended.text);
      // The quiet written ahead is taken out of the word times again.
      expect(closed.words?.length).toBe(ended.words?.length);
      for (const [index, word] of (closed.words ?? []).entries()) {
        expect(Math.abs(word.start - (ended.words?.[index]?.start ?? 0))).toBeLessThan(60);
      }
    } finally {
      early.cancel();
      plain.cancel();
    }
  }, 60_000);

  it("puts the quiet it wrote ahead back out of the word times of a later phrase", async () => {
    const phrase = speechThenShortQuiet();
    const twice = new Int16Array(phrase.length * 2 + 8000);
    twice.set(phrase);
    twice.set(phrase, phrase.length);
    const early = new PocketsphinxStream(install, { closeAfterMs: 200, closeAtPauseMs: 120 });
    try {
      // As a microphone sends it: a chunk at a time, so the pause is seen where it is.
      for (let at = 0; at < twice.length; at += 960) early.write(twice.subarray(at, at + 960));
      const { words = [] } = await early.finish();
      const forward = words.filter((word) => word.text === "forward");
      expect(forward).toHaveLength(2);
      const spacing = (forward[1]?.start ?? 0) - (forward[0]?.start ?? 0);
      expect(Math.abs(spacing - (phrase.length / 16_000) * 1000)).toBeLessThan(80);
    } finally {
      early.cancel();
    }
  }, 60_000);
});
