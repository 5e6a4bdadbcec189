/**
 * The timing contract between voice and face: the same JSON drives the browser renderer, the MP4 renderer and any
 * cloud voice. Times are milliseconds from the start of the clip.
 *
 * Visemes follow the Oculus/ARKit set of 15 (also used by TalkingHead and Azure): `sil` is the closed, resting mouth.
 */
export const VISEMES = [
  "sil",
  "PP",
  "FF",
  "TH",
  "DD",
  "kk",
  "CH",
  "SS",
  "nn",
  "RR",
  "aa",
  "E",
  "I",
  "O",
  "U",
] as const;

export type Viseme = (typeof VISEMES)[number];

export interface TimedWord {
  text: string;
  start: number;
  duration: number;
}

export interface TimedViseme {
  viseme: Viseme;
  start: number;
  duration: number;
  /** 0..1, how far the shape is expressed; 1 when absent. Audio-driven visemes use it for loudness. */
  weight?: number;
}

export interface SpeechTimeline {
  /** Length of the audio this timeline belongs to, in ms. */
  duration: number;
  words: TimedWord[];
  visemes: TimedViseme[];
}
