import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProviderError } from "../core/errors.js";
import { findOnPath } from "../system/find-on-path.js";
import { decodeAudio } from "./decode-audio.js";
import { microphoneUtterances } from "./microphone.js";
import { samplesToPcm } from "./pcm.js";
import { findRecorder } from "./recorder.js";
import { CARDS } from "./test-support/recordings.js";

/** A stand-in recorder: `cat` of raw PCM behaves like `rec -t raw -` on a microphone that heard this. */
async function recordedRaw(): Promise<string> {
  const speech = await decodeAudio(CARDS[2] as string);
  const samples = new Int16Array(16_000 + speech.samples.length + 16_000);
  samples.set(speech.samples, 16_000);
  const file = join(mkdtempSync(join(tmpdir(), "aitwin-mic-")), "heard.raw");
  writeFileSync(file, samplesToPcm(samples));
  return file;
}

describe("microphoneUtterances", () => {
  it("yields the utterance a recorder heard", async () => {
    const cat = findOnPath("cat") as string;
    const recorder = { name: "rec" as const, path: cat, args: [await recordedRaw()] };
    const clips = [];
    for await (const clip of microphoneUtterances({ recorder })) clips.push(clip);
    expect(clips).toHaveLength(1);
    expect(clips[0]?.sampleRate).toBe(16_000);
  });

  it("lets a listener hear each utterance as it comes: pre-roll first, then frame by frame", async () => {
    const cat = findOnPath("cat") as string;
    const recorder = { name: "rec" as const, path: cat, args: [await recordedRaw()] };
    const heard: Int16Array[] = [];
    let starts = 0;
    let heardBeforeEnd = 0;
    const clips = [];
    const listener = {
      started(frames: Int16Array[]) {
        starts++;
        heard.push(...frames);
      },
      heard(frame: Int16Array) {
        heard.push(frame);
      },
    };
    for await (const clip of microphoneUtterances({ recorder, listener })) {
      heardBeforeEnd = heard.reduce((sum, frame) => sum + frame.length, 0);
      clips.push(clip);
    }
    expect(starts).toBe(1);
    const clip = clips[0]?.samples ?? new Int16Array(0);
    // Everything in the utterance reached the listener before the utterance was yielded, in order, plus the quiet
    // the VAD waited for.
    expect(heardBeforeEnd).toBeGreaterThan(clip.length);
    const streamed = new Int16Array(heardBeforeEnd);
    let offset = 0;
    for (const frame of heard) {
      streamed.set(frame.subarray(0, Math.max(0, heardBeforeEnd - offset)), offset);
      offset += frame.length;
    }
    expect(streamed.subarray(0, clip.length)).toEqual(clip);
  });

  it("fails with a ProviderError when the recorder cannot record, so chat can fall back to typing", async () => {
    const recorder = { name: "arecord" as const, path: findOnPath("false") as string, args: [] };
    const consume = async () => {
      for await (const _clip of microphoneUtterances({ recorder })) {
      }
    };
    await expect(consume()).rejects.toThrow(ProviderError);
  });

  it("finds no recorder on an empty PATH", () => {
    expect(findRecorder("/nonexistent")).toBeUndefined();
  });
});
