import type { SpeechTimeline, TimedViseme, Viseme } from "../core/timeline.js";
import type { PitchAccent } from "./pitch-accents.js";

/**
 * Motion that follows what is said, read from the talk's own timeline: a nod and a brow raise on the words the voice
 * stresses (a stressed vowel is longer and, in audio-driven timelines, louder: flite lengthens stressed vowels; and,
 * when the audio is at hand, where its pitch peaks: pitch-accents.ts), a head tilt as a question ends, and the pauses
 * where blinks belong. Computed once per talk; the face then reads it
 * at any t, so the live page and the MP4 of the same talk move alike.
 */
export interface SpeechGestures {
  /** Times (ms from the talk's start) of the stressed words' vowels and the pitch peaks, with strength 0..1. */
  accents: { at: number; strength: number }[];
  /** Pauses inside the talk and after it, where a blink looks natural. */
  pauses: { start: number; end: number }[];
  /** When the question's last word ends, or undefined for a statement. */
  questionEnd: number | undefined;
}

const VOWELS: ReadonlySet<Viseme> = new Set(["aa", "E", "I", "O", "U"]);
/** Open vowels read as stronger than close ones at the same length. */
const OPENNESS: Partial<Record<Viseme, number>> = { aa: 1.2, O: 1.1, E: 1, I: 0.85, U: 0.85 };
/** Accents closer than this merge into one gesture: people nod on a phrase's key words, not on every word. */
const ACCENT_GAP_MS = 650;
const PAUSE_MS = 180;

export function speechGestures(
  timeline: SpeechTimeline,
  text?: string,
  pitchPeaks: readonly PitchAccent[] = [],
): SpeechGestures {
  const vowels = timeline.visemes.filter((viseme) => VOWELS.has(viseme.viseme));
  const score = (viseme: TimedViseme) =>
    viseme.duration * (OPENNESS[viseme.viseme] ?? 1) * (viseme.weight ?? 1);
  const scores = vowels.map(score).sort((a, b) => a - b);
  const typical = scores[Math.floor(scores.length / 2)] ?? 0;
  const candidates = vowels
    .map((viseme) => ({
      at: viseme.start + viseme.duration * 0.3,
      value: score(viseme) / Math.max(1, typical),
    }))
    .filter((candidate) => candidate.value >= 1.25)
    .map((candidate) => ({ at: candidate.at, strength: Math.min(1, (candidate.value - 1) / 1.2) }));
  // Both kinds of accent compete: the strongest of any that fall close together is the one gesture.
  candidates.push(...pitchPeaks.filter((peak) => peak.at < timeline.duration));
  candidates.sort((a, b) => b.strength - a.strength);
  const accents: { at: number; strength: number }[] = [];
  for (const candidate of candidates) {
    if (accents.some((accent) => Math.abs(accent.at - candidate.at) < ACCENT_GAP_MS)) continue;
    accents.push({ at: candidate.at, strength: candidate.strength });
  }
  accents.sort((a, b) => a.at - b.at);

  const pauses = timeline.visemes
    .filter((viseme) => viseme.viseme === "sil" && viseme.duration >= PAUSE_MS)
    .map((viseme) => ({ start: viseme.start, end: viseme.start + viseme.duration }));
  pauses.push({ start: timeline.duration, end: Number.POSITIVE_INFINITY });

  const lastWord = timeline.words.at(-1);
  const questionEnd = text?.trim().endsWith("?") && lastWord ? lastWord.start + lastWord.duration : undefined;
  return { accents, pauses, questionEnd };
}

/** A nod's shape around its accent: down quickly, back up slowly; 0 outside [-150, +450] ms. */
export function nodAt(gestures: SpeechGestures, t: number): number {
  let nod = 0;
  for (const { at, strength } of gestures.accents) {
    const since = t - at;
    if (since < -150 || since > 450) continue;
    const phase = since < 0 ? (since + 150) / 150 : 1 - since / 450;
    nod = Math.max(nod, strength * Math.sin((Math.PI / 2) * phase) ** 2);
  }
  return nod;
}

/** The brows rise a little before the stressed vowel and settle after it. */
export function browRaiseAt(gestures: SpeechGestures, t: number): number {
  let raise = 0;
  for (const { at, strength } of gestures.accents) {
    const since = t - at;
    if (since < -200 || since > 600) continue;
    const phase = since < 0 ? (since + 200) / 200 : 1 - since / 600;
    raise = Math.max(raise, strength * Math.sin((Math.PI / 2) * phase) ** 2);
  }
  return raise;
}

/** 0..1: the tilt of a question, growing over its last 400 ms and held for a second after it ends. */
export function questionTiltAt(gestures: SpeechGestures, t: number): number {
  const { questionEnd } = gestures;
  if (questionEnd === undefined) return 0;
  const since = t - questionEnd;
  if (since < -400 || since > 1600) return 0;
  if (since < 0) return ease((since + 400) / 400);
  if (since < 1000) return 1;
  return 1 - ease((since - 1000) / 600);
}

/** Whether t falls in a pause of the talk (or after it). */
export function inPause(gestures: SpeechGestures, t: number): boolean {
  return t < 0 || gestures.pauses.some((pause) => t >= pause.start && t < pause.end);
}

function ease(x: number): number {
  const t = Math.min(1, Math.max(0, x));
  return t * t * (3 - 2 * t);
}
