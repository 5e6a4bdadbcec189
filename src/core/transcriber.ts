import type { AudioClip, EncodedAudio } from "./audio.js";

export interface TranscribeOptions {
  /** BCP-47 language hint, e.g. "en". */
  language?: string;
  signal?: AbortSignal;
}

/** One recognised word: when it was said (ms), and how sure the recogniser is of it when it says (0–1). */
export interface TranscriptWord {
  text: string;
  start: number;
  duration: number;
  confidence?: number;
}

export interface Transcript {
  text: string;
  /** Per-word timing when the provider gives it. */
  words?: TranscriptWord[];
  durationMs: number;
}

/** The one rate streamed speech comes at: what recognisers want, and a third of what microphones give. */
export const STREAM_SAMPLE_RATE = 16_000;

/**
 * Speech sent while it is spoken: a streaming recogniser works as the person talks, so little is left to do once
 * they stop.
 */
export interface TranscriptionStream {
  /** Mono 16-bit samples at `STREAM_SAMPLE_RATE`, in order. */
  write(samples: Int16Array): void;
  /** No more audio: the transcript of everything written. */
  finish(): Promise<Transcript>;
  /** Drops the stream and whatever it heard. */
  cancel(): void;
  /**
   * The words recognised so far, while audio still arrives (captions, and the end-of-turn rules). Recognisers that
   * only answer at the end leave it out.
   */
  heardSoFar?(): string;
  /** The words of `heardSoFar` with their timing and confidence, from recognisers that give them. */
  heardWordsSoFar?(): TranscriptWord[];
  /**
   * Calls `listener` each time `heardSoFar` changes, so whoever waits for the words (the page, through a held
   * request) has them at once rather than at its next look. Returns a function that stops the calls.
   */
  onHeard?(listener: () => void): () => void;
}

/** Speech-to-text. */
export interface Transcriber {
  readonly provider: string;
  readonly modelId: string;
  transcribe(audio: AudioClip | EncodedAudio, options?: TranscribeOptions): Promise<Transcript>;
  /** Recognises while audio arrives; without it, streamed audio is buffered and transcribed at the end. */
  openStream?(options?: TranscribeOptions): TranscriptionStream;
  /**
   * Loads a live recogniser now, for the first `openStream` (later ones are loaded as the one before ends), so the
   * first words of a conversation come back as soon as later ones; let go if nobody speaks for a while.
   */
  prepareStream?(): void;
}
