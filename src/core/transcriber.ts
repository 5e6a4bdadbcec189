import type { AudioClip, EncodedAudio } from "./audio.js";

export interface TranscribeOptions {
  /** BCP-47 language hint, e.g. "en". */
  language?: string;
  signal?: AbortSignal;
}

export interface Transcript {
  text: string;
  /** Per-word timing when the provider gives it, in ms. */
  words?: { text: string; start: number; duration: number }[];
  durationMs: number;
}

/** Speech-to-text. */
export interface Transcriber {
  readonly provider: string;
  readonly modelId: string;
  transcribe(audio: AudioClip | EncodedAudio, options?: TranscribeOptions): Promise<Transcript>;
}
