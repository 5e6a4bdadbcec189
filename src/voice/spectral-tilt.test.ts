import { describe, expect, it } from "vitest";
import { createFliteSynthesizer } from "../providers/flite/flite-synthesizer.js";
import { applySpectralTilt, brightnessAfterTilt, tiltForBrightness } from "./spectral-tilt.js";
import { measureVoice } from "./voice-measures.js";

const text = "The north wind and the sun were disputing which was the stronger, when a traveller came along.";

describe("spectral tilt", () => {
  it("brightens with a positive tilt and darkens with a negative one, as the correlations predict, at the same loudness", async () => {
    const { audio } = await createFliteSynthesizer().synthesize({ text, voice: "awb" });
    const plain = measureVoice(audio);
    const rms = (samples: Int16Array) =>
      Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / samples.length);
    for (const tilt of [0.6, -0.5]) {
      const tilted = applySpectralTilt(audio, tilt);
      const measured = measureVoice(tilted).measures;
      if (tilt > 0) expect(measured.brightness).toBeGreaterThan(plain.measures.brightness * 1.2);
      else expect(measured.brightness).toBeLessThan(plain.measures.brightness * 0.97);
      const predicted = brightnessAfterTilt(plain.voicedCorrelation, audio.sampleRate, tilt);
      expect(Math.abs(predicted / measured.brightness - 1)).toBeLessThan(0.03);
      expect(Math.abs(rms(tilted.samples) / rms(audio.samples) - 1)).toBeLessThan(0.02);
      expect(Math.abs(measured.pitchMean / plain.measures.pitchMean - 1)).toBeLessThan(0.03);
    }
    expect(applySpectralTilt(audio, 0)).toBe(audio);
  }, 30_000);

  it("finds the tilt for a brightness in reach, and stops at its limit for one out of reach", async () => {
    const { audio } = await createFliteSynthesizer().synthesize({ text, voice: "slt" });
    const { voicedCorrelation, measures } = measureVoice(audio);
    const target = measures.brightness * 1.4;
    const tilt = tiltForBrightness(voicedCorrelation, audio.sampleRate, target, 0.8);
    expect(tilt).toBeGreaterThan(0);
    expect(tilt).toBeLessThan(0.8);
    expect(
      Math.abs(brightnessAfterTilt(voicedCorrelation, audio.sampleRate, tilt) / target - 1),
    ).toBeLessThan(0.001);
    expect(tiltForBrightness(voicedCorrelation, audio.sampleRate, 5000, 0.8)).toBe(0.8);
    expect(tiltForBrightness(voicedCorrelation, audio.sampleRate, 10, 0.8)).toBe(-0.8);
  }, 30_000);
});
