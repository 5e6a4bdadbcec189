import { audioDurationMs } from "../core/audio.js";
import type { Speech } from "../core/synthesizer.js";

/** Joins per-sentence speech into one clip and one timeline, shifting each sentence's times by what came before. */
export function joinSpeech(parts: Speech[]): Speech {
  const first = parts[0];
  // No parts is silence: what a renderer that voices the text itself (a cloud avatar) is given.
  if (!first)
    return {
      audio: { sampleRate: 16000, samples: new Int16Array(0) },
      timeline: { duration: 0, words: [], visemes: [] },
    };
  const sampleRate = first.audio.sampleRate;
  const samples = new Int16Array(parts.reduce((sum, part) => sum + part.audio.samples.length, 0));
  const joined: Speech = {
    audio: { sampleRate, samples },
    timeline: { duration: 0, words: [], visemes: [] },
  };
  let offsetSamples = 0;
  for (const part of parts) {
    if (part.audio.sampleRate !== sampleRate)
      throw new Error("joinSpeech needs one sample rate for all parts");
    samples.set(part.audio.samples, offsetSamples);
    const offset = Math.round((offsetSamples / sampleRate) * 1000);
    joined.timeline.words.push(
      ...part.timeline.words.map((word) => ({ ...word, start: word.start + offset })),
    );
    joined.timeline.visemes.push(
      ...part.timeline.visemes.map((each) => ({ ...each, start: each.start + offset })),
    );
    offsetSamples += part.audio.samples.length;
  }
  joined.timeline.duration = Math.round(audioDurationMs(joined.audio));
  return joined;
}
