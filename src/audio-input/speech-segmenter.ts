export interface SegmenterOptions {
  /** A frame at or above this probability is speech (Silero's usual 0.5). */
  startThreshold?: number;
  /** Once speaking, frames stay speech until they drop below this: hysteresis stops flicker mid-word. */
  endThreshold?: number;
  /** Speech shorter than this is a cough or a click, not an utterance. */
  minSpeechMs?: number;
  /** This much silence after speech ends the utterance (end-of-speech for hands-free chat). */
  endSilenceMs?: number;
  /**
   * Asked at every silent frame, in place of `endSilenceMs`: how much silence ends this utterance, given what has
   * been heard (the turn-end rules). `silentMs` is the silence so far.
   */
  endSilenceFor?: (silentMs: number) => number;
  frameMs: number;
}

export type SegmentEvent =
  | { type: "speech-start"; frame: number }
  | { type: "speech-end"; startFrame: number; endFrame: number };

/**
 * Turns per-frame speech probabilities into utterances, one frame at a time, so the same logic serves a live
 * microphone and a whole file. `endFrame` is exclusive and excludes the trailing silence.
 */
export class SpeechSegmenter {
  private readonly startThreshold: number;
  private readonly endThreshold: number;
  private readonly minSpeechFrames: number;
  private readonly endSilenceFrames: number;
  private readonly endSilenceFor: ((silentMs: number) => number) | undefined;
  private readonly frameMs: number;
  private frame = 0;
  private speechStart: number | undefined;
  private lastSpeech = 0;
  private announced = false;

  constructor(options: SegmenterOptions) {
    this.startThreshold = options.startThreshold ?? 0.5;
    this.endThreshold = options.endThreshold ?? 0.35;
    this.minSpeechFrames = Math.max(1, Math.round((options.minSpeechMs ?? 200) / options.frameMs));
    this.endSilenceFrames = Math.max(1, Math.round((options.endSilenceMs ?? 700) / options.frameMs));
    this.endSilenceFor = options.endSilenceFor;
    this.frameMs = options.frameMs;
  }

  /** The last frame heard as speech in the open utterance. */
  get lastSpeechFrame(): number | undefined {
    return this.speechStart === undefined ? undefined : this.lastSpeech;
  }

  /** True from the first loud frame until the utterance closes. */
  get inSpeech(): boolean {
    return this.speechStart !== undefined;
  }

  /** The frame the open utterance started at. */
  get startFrame(): number | undefined {
    return this.speechStart;
  }

  /** Feeds one frame's probability; returns what it completed, if anything. */
  push(probability: number): SegmentEvent | undefined {
    const index = this.frame++;
    if (this.speechStart === undefined) {
      if (probability >= this.startThreshold) {
        this.speechStart = index;
        this.lastSpeech = index;
        this.announced = false;
      }
      return undefined;
    }
    if (probability >= this.endThreshold) this.lastSpeech = index;
    if (!this.announced && this.lastSpeech - this.speechStart + 1 >= this.minSpeechFrames) {
      this.announced = true;
      return { type: "speech-start", frame: this.speechStart };
    }
    const silent = index - this.lastSpeech;
    if (silent > 0 && this.announced && this.endSilenceFor) {
      const needed = this.endSilenceFor(silent * this.frameMs);
      if (silent * this.frameMs >= needed) return this.close();
    } else if (silent >= this.endSilenceFrames) return this.close();
    return undefined;
  }

  /** Ends the stream: an utterance still open is closed. */
  flush(): SegmentEvent | undefined {
    return this.speechStart === undefined ? undefined : this.close();
  }

  private close(): SegmentEvent | undefined {
    const start = this.speechStart as number;
    const length = this.lastSpeech - start + 1;
    this.speechStart = undefined;
    if (length < this.minSpeechFrames) return undefined;
    return { type: "speech-end", startFrame: start, endFrame: this.lastSpeech + 1 };
  }
}
