import { describe, expect, it } from "vitest";
import { FrameAnalyzer } from "./audio-features.js";
import { AudioVisemeTracker, visemesFromAudio } from "./audio-visemes.js";
import { correlation } from "./timeline-metrics.js";

const RATE = 16000;

/** A vowel-like buzz whose loudness follows `envelope` (0..1, one value per 10 ms), silent where it is 0. */
function buzz(envelope: number[]): Float32Array {
  const samples = new Float32Array(envelope.length * 160);
  for (let index = 0; index < samples.length; index++) {
    const t = index / RATE;
    const tone =
      Math.sin(2 * Math.PI * 150 * t) +
      0.6 * Math.sin(2 * Math.PI * 700 * t) +
      0.3 * Math.sin(2 * Math.PI * 1200 * t);
    samples[index] = 0.3 * (envelope[Math.floor(index / 160)] as number) * tone;
  }
  return samples;
}

// Syllables of varying loudness between pauses: 300 ms silence, then rising and falling bumps.
const ENVELOPE = [
  ...Array(30).fill(0),
  ...Array.from(
    { length: 120 },
    (_, index) => Math.max(0, Math.sin((index / 20) * Math.PI)) * (0.4 + (index % 40) / 60),
  ),
  ...Array(40).fill(0),
  ...Array.from({ length: 60 }, (_, index) => Math.sin((index / 60) * Math.PI)),
  ...Array(30).fill(0),
];

describe("AudioVisemeTracker", () => {
  it("opens the mouth with the envelope of the sound", () => {
    const audio = buzz(ENVELOPE);
    const frames = new AudioVisemeTracker(RATE).push(audio);
    const envelope = new FrameAnalyzer(RATE).push(audio).map((frame) => frame.rms);
    expect(frames).toHaveLength(ENVELOPE.length);
    expect(
      correlation(
        frames.map((frame) => frame.openness),
        envelope,
      ),
    ).toBeGreaterThanOrEqual(0.7);
  });

  it("keeps the mouth closed in silence, and closes it within 50 ms of the sound stopping", () => {
    const frames = new AudioVisemeTracker(RATE).push(buzz(ENVELOPE));
    const silentFrames = ENVELOPE.flatMap((level, index) =>
      level === 0 && ENVELOPE.slice(Math.max(0, index - 5), index).every((before) => before === 0)
        ? [index]
        : [],
    );
    expect(silentFrames.length).toBeGreaterThan(80);
    for (const index of silentFrames) expect(frames[index]).toMatchObject({ viseme: "sil", openness: 0 });
  });

  it("gives the same frames whatever size the chunks arrive in", () => {
    const audio = buzz(ENVELOPE);
    const whole = new AudioVisemeTracker(RATE).push(audio);
    const tracker = new AudioVisemeTracker(RATE);
    const chunked = [];
    for (let start = 0; start < audio.length; start += 128)
      chunked.push(...tracker.push(audio.subarray(start, start + 128)));
    expect(chunked).toEqual(whole);
  });

  it("does not flicker: no shape but silence lasts a single frame", () => {
    const visemes = visemesFromAudio({
      sampleRate: RATE,
      samples: Int16Array.from(buzz(ENVELOPE), (value) => Math.round(value * 32767)),
    });
    const flickers = visemes.filter(
      (viseme, index) => index > 0 && viseme.viseme !== "sil" && viseme.duration < 20,
    );
    expect(flickers).toEqual([]);
    expect(visemes.some((viseme) => viseme.viseme !== "sil")).toBe(true);
  });
});
