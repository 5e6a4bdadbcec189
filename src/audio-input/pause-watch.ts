const FRAME_MS = 20;
/** Loudness (of full scale) that always counts as speech, and how far above the room's floor speech is. */
export const SPEECH_RMS = 0.015;
const ABOVE_FLOOR = 3;

/**
 * How long the audio written so far has been quiet at its end, 20 ms frames at a time: loudness against an adaptive
 * noise floor, as the turn-end detector hears it. A recogniser's feeder uses it to see a pause as soon as it begins.
 */
export class PauseWatch {
  private readonly frame: number;
  private partial = 0;
  private sum = 0;
  private floor = 0.01;
  private quietMs = 0;
  private heardSpeech = false;

  /**
   * `speechRms`: loudness that counts as speech even in a loud room. The turn-end detector's 0.015 hears a quiet
   * speaker's "f" or "s" as quiet; where a pause must really be one (a recogniser's feeder), ask for less.
   */
  constructor(
    sampleRate: number,
    private readonly speechRms = SPEECH_RMS,
  ) {
    this.frame = Math.round((sampleRate * FRAME_MS) / 1000);
  }

  /** Quiet at the end of what was pushed, in ms; 0 before any speech. */
  get quiet(): number {
    return this.heardSpeech ? this.quietMs : 0;
  }

  /** 16-bit samples, any number at a time; returns the quiet at their end. */
  push(samples: Int16Array): number {
    for (const sample of samples) {
      const value = sample / 32768;
      this.sum += value * value;
      if (++this.partial < this.frame) continue;
      const rms = Math.sqrt(this.sum / this.frame);
      this.partial = 0;
      this.sum = 0;
      if (rms > Math.max(this.speechRms, this.floor * ABOVE_FLOOR)) {
        this.heardSpeech = true;
        this.quietMs = 0;
      } else {
        this.quietMs += FRAME_MS;
        // Follows the room quickly downward and slowly upward, so speech never becomes "the floor".
        this.floor = rms < this.floor ? rms * 0.5 + this.floor * 0.5 : this.floor * 0.98 + rms * 0.02;
      }
    }
    return this.quiet;
  }
}
