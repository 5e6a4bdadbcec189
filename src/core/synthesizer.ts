import type { AudioClip } from "./audio.js";
import type { SpeechTimeline } from "./timeline.js";

export interface VoiceInfo {
  id: string;
  name: string;
  gender: "female" | "male" | "neutral";
  language: string;
}

export interface SynthesisRequest {
  text: string;
  /** A voice id from `voices()`; the provider default when absent. Unknown ids are a BadInputError. */
  voice?: string;
  /** Rate multiplier, 1 = normal. */
  rate?: number;
  signal?: AbortSignal;
}

export interface Speech {
  audio: AudioClip;
  timeline: SpeechTimeline;
}

/** Text-to-speech with the timeline that drives the face. The pipeline calls it once per sentence. */
export interface Synthesizer {
  readonly provider: string;
  readonly modelId: string;
  voices(): Promise<VoiceInfo[]>;
  synthesize(request: SynthesisRequest): Promise<Speech>;
  /**
   * The same speech in pieces as they are made (a cloud voice's streaming endpoint), each following the last, its
   * timeline timed from its own start: the first can be played before the rest exists. Optional.
   */
  synthesizeStream?(request: SynthesisRequest): AsyncIterable<Speech>;
}
