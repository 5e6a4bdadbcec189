import { describe, expect, it } from "vitest";
import { FrameAnalyzer } from "../../voice/audio-features.js";
import { AudioVisemeTracker } from "../../voice/audio-visemes.js";
import { segmentsFromEndTimes } from "../../voice/phone-segments.js";
import { boundaryErrors, correlation } from "../../voice/timeline-metrics.js";
import { runFlite } from "./flite-module.js";
import { parsePhoneEndTimes } from "./flite-output.js";
import { createFliteSynthesizer } from "./flite-synthesizer.js";
import { VOICE_DURATION_STRETCH } from "./flite-voices.js";

const SENTENCES = [
  "The quick brown fox jumps over the lazy dog.",
  "Please call Stella and ask her to bring these things with her from the store.",
  "I remember when we went to the beach, and the water was so cold!",
  "Thank you, that was a very good question.",
];
const VOICES = ["slt", "rms", "awb", "kal16"];
const synthesizer = createFliteSynthesizer();

/** The phone boundaries flite itself reports, from a separate plain run of the command line. */
async function flitePhones(text: string, voice: string) {
  const stretch = VOICE_DURATION_STRETCH[voice] ?? 1;
  const run = await runFlite([
    "-voice",
    voice,
    "--setf",
    `duration_stretch=${stretch}`,
    "-psdur",
    "-t",
    text,
  ]);
  return segmentsFromEndTimes(parsePhoneEndTimes(run.stdout));
}

describe("lip-sync from flite's phones", () => {
  it.each(VOICES)(
    "puts viseme boundaries within 40 ms of the synthesiser's phone boundaries (%s)",
    async (voice) => {
      const errors: number[] = [];
      for (const text of SENTENCES) {
        const { timeline } = await synthesizer.synthesize({ text, voice });
        errors.push(...boundaryErrors(await flitePhones(text, voice), timeline.visemes));
      }
      expect(errors.length).toBeGreaterThan(100);
      expect(Math.max(...errors)).toBeLessThanOrEqual(40);
    },
  );
});

describe("lip-sync from audio alone, on flite's speech", () => {
  it.each(VOICES)(
    "opens the mouth with the audio envelope (r ≥ 0.7) and closes it in silence (%s)",
    async (voice) => {
      for (const text of SENTENCES) {
        const { audio, timeline } = await synthesizer.synthesize({ text, voice });
        const tracker = new AudioVisemeTracker(audio.sampleRate);
        // Fed in AudioWorklet-sized chunks, as a browser would.
        const frames = [];
        for (let start = 0; start < audio.samples.length; start += 128) {
          frames.push(...tracker.push(audio.samples.subarray(start, start + 128)));
        }
        const envelope = new FrameAnalyzer(audio.sampleRate).push(audio.samples).map((frame) => frame.rms);
        expect(
          correlation(
            frames.map((frame) => frame.openness),
            envelope,
          ),
        ).toBeGreaterThanOrEqual(0.7);
        // Inside every pause of 150 ms or more (the synthesiser's own silences), once the mouth has had 80 ms to close.
        const pauses = timeline.visemes.filter((viseme) => viseme.viseme === "sil" && viseme.duration >= 150);
        expect(pauses.length).toBeGreaterThanOrEqual(1);
        for (const pause of pauses) {
          const inside = frames.filter(
            (frame) => frame.time >= pause.start + 80 && frame.time + 10 <= pause.start + pause.duration - 20,
          );
          expect(inside.length).toBeGreaterThan(0);
          for (const frame of inside) expect(frame).toMatchObject({ viseme: "sil", openness: 0 });
        }
      }
    },
  );
});
