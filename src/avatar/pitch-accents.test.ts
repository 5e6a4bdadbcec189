import { describe, expect, it } from "vitest";
import { decodeWav, encodeWav } from "../voice/wav.js";
import { pitchAccents } from "./pitch-accents.js";
import { buzz, RATE } from "./test-support/voiced-buzz.js";

describe("pitch accents", () => {
  it("finds where the voice rises well above its usual pitch", () => {
    // 120 Hz with a rise to 170 Hz (six semitones) centred on 1.0 s and a small one (one semitone) at 2.0 s.
    const clip = buzz(
      3,
      (t) => 120 + 50 * Math.exp(-(((t - 1) / 0.08) ** 2)) + 7 * Math.exp(-(((t - 2) / 0.08) ** 2)),
    );
    const accents = pitchAccents(clip);
    expect(accents).toHaveLength(1);
    expect(Math.abs((accents[0]?.at ?? 0) - 1000)).toBeLessThanOrEqual(30);
    expect(accents[0]?.strength).toBeGreaterThan(0.8);
  });

  it("finds none in a level voice or in silence, at any sample rate", () => {
    expect(pitchAccents(buzz(2, () => 140))).toEqual([]);
    expect(pitchAccents({ sampleRate: RATE, samples: new Int16Array(RATE) })).toEqual([]);
    const level22k = buzz(2, () => 200);
    expect(pitchAccents({ ...level22k, sampleRate: 22050 })).toEqual([]);
  });

  it("ignores a rise in an unvoiced stretch: a pause between two level phrases", () => {
    const clip = buzz(3, (t) => (t > 1.2 && t < 1.6 ? 0 : 130));
    expect(pitchAccents(clip)).toEqual([]);
  });

  it("finds the same accents in the sentence's WAV the page decodes as in the clip the MP4 renderer has", () => {
    const clip = buzz(
      2.5,
      (t) => 110 + 40 * Math.exp(-(((t - 0.7) / 0.1) ** 2)) + 40 * Math.exp(-(((t - 1.8) / 0.1) ** 2)),
    );
    const fromWav = pitchAccents(decodeWav(encodeWav(clip)));
    expect(fromWav).toHaveLength(2);
    expect(fromWav).toEqual(pitchAccents(clip));
  });
});
