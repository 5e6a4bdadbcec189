import type { AudioClip } from "./audio.js";
import type { ReplySource } from "./chat-model.js";
import type { SpeechTimeline } from "./timeline.js";

/**
 * What streams between stages: a small tagged union with noun-verb names. A stage maps an async iterable of parts
 * to another; parts a stage does not handle pass through unchanged.
 */
export type Part =
  | { type: "transcript-partial"; text: string }
  | { type: "transcript-final"; text: string }
  | { type: "text-delta"; text: string }
  /** What the reply is built from (facts, memories, passages), when the brain can say; before its first words. */
  | { type: "sources-found"; sources: ReplySource[] }
  | { type: "sentence-complete"; index: number; text: string }
  | { type: "audio-chunk"; index: number; audio: AudioClip }
  /** A sentence could not be voiced: it is skipped (its text stays in the reply) and the rest is spoken. */
  | { type: "speech-failed"; index: number; text: string; message: string }
  | { type: "visemes-ready"; index: number; timeline: SpeechTimeline }
  | { type: "turn-end"; reason: TurnEndReason };

export type TurnEndReason = "complete" | "interrupted" | "error";

export type PartOf<T extends Part["type"]> = Extract<Part, { type: T }>;
