import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAudio } from "../audio-input/decode-audio.js";
import { createFliteSynthesizer } from "../providers/flite/flite-synthesizer.js";
import { TUNABLE_FLITE_VOICES } from "../providers/flite/flite-voices.js";
import { READING_PASSAGE } from "./reading-passage.js";
import { darkSample, espeakSample, fliteSample, sampleFolder } from "./test-support/voice-samples.js";
import { measureVoice } from "./voice-measures.js";
import { measureVoiceSample } from "./voice-sample.js";
import { tuneVoice } from "./voice-tuning.js";

const flite = createFliteSynthesizer();
let folder: string;

beforeAll(async () => {
  folder = await sampleFolder();
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The tuned voice reads the passage afresh, measured as the sample was. */
async function spokenBy(voice: string) {
  const speech = await flite.synthesize({ text: READING_PASSAGE, voice });
  return measureVoice(speech.audio).measures;
}

describe("a voice tuned to a sample", () => {
  const speakers = [
    {
      name: "espeak-ng en-us+f3 (female)",
      make: () => espeakSample(folder, "espeakFemale"),
      base: "slt",
      brightness: "up",
    },
    {
      name: "espeak-ng klatt4, raised and fast",
      make: () => espeakSample(folder, "espeakLight"),
      base: "awb",
      brightness: "up",
    },
    {
      name: "espeak-ng Scottish, low and slow",
      make: () => espeakSample(folder, "espeakLow"),
      base: "kal16",
      brightness: "up",
    },
    {
      name: "flite rms (not a tunable base)",
      make: () => fliteSample(folder, "rms"),
      base: "awb",
      brightness: "either",
    },
    {
      name: "espeak-ng klatt4 through a 500 Hz low-pass (darker than any flite voice)",
      make: () => darkSample(folder, "espeakLight", 500),
      base: "awb",
      brightness: "down",
    },
  ];
  for (const speaker of speakers) {
    it(`speaks within 10% of the pitch and 15% of the rate of ${speaker.name}, its brightness moved towards it`, async () => {
      const sample = await measureVoiceSample(await speaker.make());
      const result = await tuneVoice(flite, TUNABLE_FLITE_VOICES, sample);
      expect(result.base).toBe(speaker.base);
      expect(result.voice).toMatch(
        new RegExp(`^${speaker.base},pitch=\\d+,spread=\\d+,stretch=\\d\\.\\d\\d(,tilt=-?0\\.\\d\\d)?$`),
      );
      const tuned = await spokenBy(result.voice);
      expect(Math.abs(tuned.pitchMean / sample.pitchMean - 1)).toBeLessThan(0.1);
      expect(Math.abs(tuned.syllableRate / sample.syllableRate - 1)).toBeLessThan(0.15);
      // Brightness: the tilt takes the voice towards the sample's (espeak-ng's voices are all brighter than
      // flite's; the low-passed one darker), never away from it or past it.
      const untilted = await spokenBy(result.voice.replace(/,tilt=.*$/, ""));
      const gap = (measures: typeof tuned) => Math.abs(Math.log(measures.brightness / sample.brightness));
      expect(gap(tuned)).toBeLessThanOrEqual(gap(untilted));
      if (speaker.brightness === "up") {
        expect(result.voice).toMatch(/,tilt=0\.\d\d$/);
        expect(tuned.brightness).toBeGreaterThan(untilted.brightness * 1.05);
        expect(tuned.brightness).toBeLessThan(sample.brightness);
      }
      if (speaker.brightness === "down") {
        expect(result.voice).toMatch(/,tilt=-0\.\d\d$/);
        expect(tuned.brightness).toBeLessThan(untilted.brightness * 0.97);
        expect(tuned.brightness).toBeGreaterThan(sample.brightness);
      }
    }, 180_000);
  }

  it("is needed: untuned, the nearest base misses the female sample's pitch and rate", async () => {
    const sample = await measureVoiceSample(await espeakSample(folder, "espeakFemale"));
    const untuned = await spokenBy("slt");
    expect(Math.abs(untuned.pitchMean / sample.pitchMean - 1)).toBeGreaterThan(0.1);
    expect(Math.abs(untuned.syllableRate / sample.syllableRate - 1)).toBeGreaterThan(0.15);
  }, 60_000);

  it("tells a high, quick voice from a low, slow one", async () => {
    const low = measureVoice(await decodeAudio(await espeakSample(folder, "espeakLow")));
    const high = measureVoice(await decodeAudio(await espeakSample(folder, "espeakFemale")));
    expect(high.measures.pitchMean).toBeGreaterThan(low.measures.pitchMean * 1.8);
    expect(high.measures.syllableRate).toBeGreaterThan(low.measures.syllableRate);
    expect(low.measures.speechSeconds).toBeGreaterThan(20);
  }, 60_000);
});
