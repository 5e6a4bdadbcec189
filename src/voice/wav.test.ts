import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BadInputError } from "../core/errors.js";
import { decodeWav, encodeWav } from "./wav.js";

const tone = (sampleRate: number, length: number) => {
  const samples = new Int16Array(length);
  for (let index = 0; index < length; index++) samples[index] = Math.round(8000 * Math.sin(index / 7));
  return { sampleRate, samples };
};

describe("wav", () => {
  it("round-trips a clip through encode and decode", () => {
    const clip = tone(16000, 1234);
    const decoded = decodeWav(encodeWav(clip));
    expect(decoded.sampleRate).toBe(16000);
    expect(Array.from(decoded.samples)).toEqual(Array.from(clip.samples));
  });

  it("writes a file sox reads as mono 16-bit PCM of the right length", () => {
    const path = join(mkdtempSync(join(tmpdir(), "aitwin-wav-")), "tone.wav");
    writeFileSync(path, encodeWav(tone(22050, 22050)));
    const info = execFileSync("sox", ["--i", path], { encoding: "utf8" });
    expect(info).toMatch(/Channels\s+: 1/);
    expect(info).toMatch(/Sample Rate\s+: 22050/);
    expect(info).toMatch(/16-bit Signed Integer PCM/);
    expect(info).toMatch(/= 22050 samples/);
  });

  it("mixes a stereo file made by sox down to mono", () => {
    const directory = mkdtempSync(join(tmpdir(), "aitwin-wav-"));
    const path = join(directory, "stereo.wav");
    execFileSync("sox", ["-n", "-r", "8000", "-c", "2", "-b", "16", path, "synth", "0.5", "sine", "440"]);
    const clip = decodeWav(readFileSync(path));
    expect(clip.sampleRate).toBe(8000);
    expect(clip.samples.length).toBe(4000);
    expect(Math.max(...clip.samples)).toBeGreaterThan(10000);
  });

  it("refuses what is not 16-bit PCM WAV with a bad-input error", () => {
    expect(() => decodeWav(new TextEncoder().encode("definitely not audio"))).toThrow(BadInputError);
    const float = encodeWav(tone(8000, 10));
    new DataView(float.buffer).setUint16(20, 3, true);
    expect(() => decodeWav(float)).toThrow(/need 16-bit PCM/);
  });
});
