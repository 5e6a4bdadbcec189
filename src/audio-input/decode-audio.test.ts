import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { audioDurationMs } from "../core/audio.js";
import { BadInputError } from "../core/errors.js";
import { decodeAudio, resampleClip } from "./decode-audio.js";
import { runFfmpeg } from "./ffmpeg.js";
import { librivoxRecordings } from "./test-support/recordings.js";

const speech = librivoxRecordings()[1]?.path as string;
const work = mkdtempSync(join(tmpdir(), "aitwin-decode-"));

beforeAll(async () => {
  // The awkward inputs users upload: phone-quality stereo MP3, and a ten-minute recording (silence compresses well).
  await runFfmpeg([
    "-i",
    speech,
    "-ar",
    "8000",
    "-ac",
    "2",
    "-c:a",
    "libmp3lame",
    "-b:a",
    "32k",
    join(work, "phone.mp3"),
  ]);
  await runFfmpeg([
    "-f",
    "lavfi",
    "-i",
    "anullsrc=r=8000:cl=mono",
    "-t",
    "600",
    "-c:a",
    "flac",
    join(work, "long.flac"),
  ]);
});

describe("decodeAudio", () => {
  it("decodes a WAV recording to 16 kHz mono", async () => {
    const clip = await decodeAudio(speech);
    expect(clip.sampleRate).toBe(16_000);
    expect(audioDurationMs(clip)).toBeGreaterThan(2000);
    expect(clip.samples.some((sample) => Math.abs(sample) > 1000)).toBe(true);
  });

  it("converts an 8 kHz stereo MP3 from bytes, keeping its length", async () => {
    const wav = await decodeAudio(speech);
    const clip = await decodeAudio({ data: readFileSync(join(work, "phone.mp3")), mimeType: "audio/mpeg" });
    expect(clip.sampleRate).toBe(16_000);
    // MP3 encoders pad the start and end by a few tens of milliseconds.
    expect(Math.abs(audioDurationMs(clip) - audioDurationMs(wav))).toBeLessThan(120);
  });

  it("refuses empty input", async () => {
    await expect(decodeAudio({ data: new Uint8Array() })).rejects.toThrow(BadInputError);
    await expect(decodeAudio({ data: new Uint8Array() })).rejects.toThrow(/empty/);
  });

  it("refuses bytes that are not audio, with a one-line reason", async () => {
    const error = await decodeAudio({ data: new TextEncoder().encode("hello, this is not audio") }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(BadInputError);
    expect(error.message).toMatch(/^not audio that can be decoded/);
    expect(error.message).not.toContain("\n");
  });

  it("refuses audio over the limit without decoding all of it", async () => {
    const error = await decodeAudio(join(work, "long.flac")).catch((e) => e);
    expect(error).toBeInstanceOf(BadInputError);
    expect(error.message).toMatch(/longer than the limit of 5 minutes/);
    await expect(decodeAudio(join(work, "long.flac"), { maxDurationMs: 700_000 })).resolves.toBeDefined();
  });

  it("resamples a clip to 16 kHz", async () => {
    const clip = {
      sampleRate: 8000,
      samples: new Int16Array(8000).map((_, index) => Math.round(8000 * Math.sin(index / 3))),
    };
    const resampled = await resampleClip(clip);
    expect(resampled.sampleRate).toBe(16_000);
    expect(Math.abs(resampled.samples.length - 16_000)).toBeLessThan(64);
  });
});
