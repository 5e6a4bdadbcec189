import type { AudioClip } from "../../../core/audio.js";
import type { SpeechTimeline, TimedViseme, Viseme } from "../../../core/timeline.js";

/**
 * A short talk for render tests that does not depend on the voice provider: a voiced buzz whose loudness follows
 * a cycle of open and closed visemes, and the timeline that matches it.
 */
export function syntheticTalk(
  durationMs: number,
  sampleRate = 16000,
): { audio: AudioClip; timeline: SpeechTimeline } {
  const cycle: Viseme[] = ["sil", "aa", "PP", "O", "E", "U", "kk", "I"];
  const visemes: TimedViseme[] = [];
  for (let start = 0, index = 0; start < durationMs; start += 160, index++) {
    const viseme = cycle[index % cycle.length] as Viseme;
    visemes.push({ viseme, start, duration: Math.min(160, durationMs - start) });
  }
  const samples = new Int16Array(Math.round((durationMs / 1000) * sampleRate));
  for (let index = 0; index < samples.length; index++) {
    const t = (index / sampleRate) * 1000;
    const current = visemes[Math.min(visemes.length - 1, Math.floor(t / 160))] as TimedViseme;
    const loud = current.viseme === "sil" || current.viseme === "PP" ? 0.05 : 0.5;
    samples[index] = Math.round(loud * 12000 * Math.sin((2 * Math.PI * 140 * index) / sampleRate));
  }
  return {
    audio: { sampleRate, samples },
    timeline: { duration: durationMs, words: [{ text: "test", start: 0, duration: durationMs }], visemes },
  };
}
