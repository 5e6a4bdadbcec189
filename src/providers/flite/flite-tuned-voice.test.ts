import { describe, expect, it } from "vitest";
import { measureVoice } from "../../voice/voice-measures.js";
import { createFliteSynthesizer } from "./flite-synthesizer.js";

const flite = createFliteSynthesizer();
const text = "The North Wind and the Sun were disputing which was the stronger, when a traveller came along.";
const measured = async (voice: string) =>
  measureVoice((await flite.synthesize({ text, voice })).audio).measures;

describe("a tuned flite voice", () => {
  it("speaks at the pitch it is given and stretches its duration", async () => {
    const plain = await measured("slt");
    const lower = await measured("slt,pitch=130,spread=10,stretch=1.00");
    const slower = await flite.synthesize({ text, voice: "slt,pitch=130,spread=10,stretch=1.40" });
    const normal = await flite.synthesize({ text, voice: "slt,pitch=130,spread=10,stretch=1.00" });
    expect(plain.pitchMean).toBeGreaterThan(150);
    expect(Math.abs(lower.pitchMean / 130 - 1)).toBeLessThan(0.08);
    expect(slower.timeline.duration / normal.timeline.duration).toBeGreaterThan(1.3);
  });

  it("refuses a base whose pitch cannot be moved, and a malformed or out-of-range tuning", async () => {
    await expect(flite.synthesize({ text, voice: "rms,pitch=130,spread=10,stretch=1.00" })).rejects.toThrow(
      /only slt, awb, kal16 can be tuned/,
    );
    await expect(flite.synthesize({ text, voice: "slt,pitch=high" })).rejects.toThrow(/is not a tuned voice/);
    await expect(flite.synthesize({ text, voice: "slt,pitch=900,spread=10,stretch=1.00" })).rejects.toThrow(
      /pitch must be between 50 and 400/,
    );
  });
});
