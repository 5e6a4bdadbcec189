import type { AudioClip } from "../../core/audio.js";

export const RATE = 16000;

/** A voiced buzz (three harmonics) whose pitch in Hz at time t (s) is `pitch(t)`, silent where it returns 0. */
export function buzz(seconds: number, pitch: (t: number) => number): AudioClip {
  const samples = new Int16Array(Math.round(seconds * RATE));
  let phase = 0;
  for (let index = 0; index < samples.length; index++) {
    const hz = pitch(index / RATE);
    if (hz <= 0) continue;
    phase += (2 * Math.PI * hz) / RATE;
    samples[index] = Math.round(
      6000 * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase)),
    );
  }
  return { sampleRate: RATE, samples };
}
