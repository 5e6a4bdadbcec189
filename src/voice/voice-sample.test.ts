import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { espeakSample, generatedSound, sampleFolder } from "./test-support/voice-samples.js";
import { measureVoiceSample } from "./voice-sample.js";

let folder: string;
beforeAll(async () => {
  folder = await sampleFolder();
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("a voice sample that is not a person reading", () => {
  it("refuses silence", async () => {
    const path = await generatedSound(folder, "silence", "anullsrc=r=16000:cl=mono", 20);
    await expect(measureVoiceSample(path)).rejects.toThrow("voice sample: it is silent");
  });

  it("refuses noise with no voice in it", async () => {
    const path = await generatedSound(folder, "noise", "anoisesrc=c=pink:a=0.05", 20);
    await expect(measureVoiceSample(path)).rejects.toThrow("voice sample: no voice in it");
  });

  it("refuses music: a held chord and a melody over a drone", async () => {
    const chord = await generatedSound(folder, "chord", "sine=frequency=220:sample_rate=16000", 20);
    const melody = await generatedSound(
      folder,
      "melody",
      "aevalsrc=0.3*sin(2*PI*t*(220*pow(2\\,floor(mod(t*2\\,8))/12)))+0.2*sin(2*PI*t*330):s=16000",
      20,
    );
    for (const path of [chord, melody]) {
      await expect(measureVoiceSample(path)).rejects.toThrow("voice sample: it sounds like music");
    }
  });

  it("refuses a sample with under 15 s of speech, saying how much it had", async () => {
    const path = await espeakSample(
      folder,
      "espeakFemale",
      "The North Wind and the Sun were disputing which was stronger.",
    );
    await expect(measureVoiceSample(path)).rejects.toThrow(
      /it has \d+\.\d s of speech; at least 15 s is needed/,
    );
  });

  it("refuses a recording over three minutes without decoding all of it", async () => {
    const path = await generatedSound(folder, "long", "sine=frequency=200:sample_rate=16000", 200);
    await expect(measureVoiceSample(path)).rejects.toThrow(
      "voice sample: the audio is longer than the limit",
    );
  });

  it("refuses a file that is not audio", async () => {
    const path = join(folder, "notes.txt");
    await writeFile(path, "these are my notes, not a recording\n");
    await expect(measureVoiceSample(path)).rejects.toThrow("voice sample: not audio that can be decoded");
    await expect(measureVoiceSample({ data: new Uint8Array() })).rejects.toThrow(
      "voice sample: the audio is empty",
    );
  });

  it("takes a person reading the passage", async () => {
    const measures = await measureVoiceSample(await espeakSample(folder, "espeakLow"));
    expect(measures.speechSeconds).toBeGreaterThan(15);
    expect(measures.pitchMean).toBeGreaterThan(60);
  });
});
