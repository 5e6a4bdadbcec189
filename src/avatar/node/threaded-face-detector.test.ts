import { readFile } from "node:fs/promises";
import { threadId } from "node:worker_threads";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadInputError, ProviderError } from "../../core/errors.js";
import { type DetectedFace, detectFace } from "./face-detector.js";
import { intakePhoto } from "./image-intake.js";
import { ASTRONAUT_PHOTO } from "./test-support/fixtures.js";
import { ThreadedFaceDetector } from "./threaded-face-detector.js";

const detector = new ThreadedFaceDetector();
let portrait: Uint8Array;
beforeAll(async () => {
  portrait = (await intakePhoto(await readFile(ASTRONAUT_PHOTO))).data;
});
afterAll(() => detector.close());

/** The longest wait between the ticks of a 5 ms timer on this thread while `work` runs. */
async function longestTimerGap<T>(work: () => Promise<T>): Promise<{ result: T; gap: number }> {
  let last = performance.now();
  let gap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    gap = Math.max(gap, performance.now() - last);
    return { result, gap };
  } finally {
    clearInterval(timer);
  }
}

describe("face landmarking on a thread", () => {
  it("finds exactly the landmarks the in-process detector finds, on another thread", async () => {
    const threaded = await detector.detect(portrait);
    expect(detector.lastThreadId).toBeDefined();
    expect(detector.lastThreadId).not.toBe(threadId);
    expect(detector.lastThreadId).toBe(detector.thread?.threadId);
    const here: DetectedFace = await detectFace(portrait);
    expect(threaded).toEqual(here);
    expect(threaded.landmarks.points).toHaveLength(478);
  }, 120_000);

  it("keeps this thread's timers running while it landmarks (a loose bound against the same work here)", async () => {
    // Both warm: the models are loaded on either side by the test before.
    const off = await longestTimerGap(() => detector.detect(portrait));
    const here = await longestTimerGap(() => detectFace(portrait));
    expect(off.result).toEqual(here.result);
    // In this thread a detection holds the loop for its whole WASM inference; off it, the timer only waits on
    // the scheduler. Half is far from both on a loaded machine.
    expect(off.gap).toBeLessThan(here.gap / 2);
  }, 120_000);

  it("refuses a photo without a face with the same error as in-process", async () => {
    const blank = await sharp({
      create: { width: 256, height: 256, channels: 3, background: { r: 200, g: 180, b: 160 } },
    })
      .jpeg()
      .toBuffer();
    const failure = (attempt: Promise<unknown>) =>
      attempt.then(
        () => new Error("a face was found in a blank image"),
        (error: Error) => error,
      );
    const here = await failure(detectFace(blank));
    const there = await failure(detector.detect(blank));
    expect(here).toBeInstanceOf(BadInputError);
    expect(there).toBeInstanceOf(BadInputError);
    expect(there.message).toBe(here.message);
  }, 120_000);

  it("fails a detection as retryable when its thread dies, and the next photo gets a new thread", async () => {
    await detector.detect(portrait);
    const dying = detector.thread;
    expect(dying).toBeDefined();
    const lost = detector.detect(portrait);
    await dying?.terminate();
    const error = await lost.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(true);
    const again = await detector.detect(portrait);
    expect(detector.thread).toBeDefined();
    expect(detector.thread).not.toBe(dying);
    expect(detector.lastThreadId).toBe(detector.thread?.threadId);
    expect(again).toEqual(await detectFace(portrait));
  }, 120_000);
});
