import { endProsody } from "./end-prosody.js";
import { decideTurnEnd, type EndProsody, TURN_END, type TurnEndDecision } from "./turn-end-rules.js";

export interface TurnEndOptions {
  sampleRate: number;
  /** A fixed wait instead of the rules (the old behaviour, kept as the bench's baseline). */
  fixedQuietMs?: number;
  /** Give up when nobody speaks for this long. */
  noSpeechMs?: number;
  /** Cut a monologue off here: a turn is a question, not a lecture. */
  maxSpeechMs?: number;
}

export type TurnEvent = "speech-start" | "turn-end" | "no-speech";

const FRAME_MS = 20;
const MIN_SPEECH_MS = 160;
/** How much of the latest audio is kept for the prosody of the end. */
const HISTORY_MS = 700;

const waitingForWords: TurnEndDecision = {
  quietMs: TURN_END.unfinishedMs,
  shape: "undecided",
  reason: "the words of the last phrase have not come back yet",
};

/**
 * Listens to a live microphone, 20 ms at a time: loudness against an adaptive noise floor says speech or quiet, and
 * once the person pauses, the turn-end rules say how much quiet ends the turn, from the words heard so far (set
 * `words` as the recogniser reports them) and how the voice ended. No DOM, no Node: the page and the bench run it.
 */
export class TurnEndDetector {
  /** The words recognised so far in this turn. */
  words = "";
  /** How sure the recogniser is of the last of `words` (0–1), when it says. */
  lastWordConfidence: number | undefined;
  /** How sure the recogniser is of all of `words`, on average (0–1), when it says. */
  sentenceConfidence: number | undefined;
  /**
   * Whether the recogniser tells its words while the person speaks (closing a phrase at each pause). Then a pause
   * whose phrase has not come back yet is waited out (up to the longest wait) rather than judged without its words.
   */
  wordsArrive = false;
  /** Why the turn ended (undefined with a fixed wait). */
  decision: TurnEndDecision | undefined;
  private readonly frame: number;
  private readonly history: Float32Array;
  private historyAt = 0;
  private partial: number[] = [];
  private floor = 0.01;
  private loudMs = 0;
  private quietMs = 0;
  private elapsedMs = 0;
  private speaking = false;
  private prosody: EndProsody = {};
  /** The words when this pause began: the pause's own phrase has arrived once they differ. */
  private wordsAtPause = "";

  constructor(private readonly options: TurnEndOptions) {
    this.frame = Math.round((options.sampleRate * FRAME_MS) / 1000);
    this.history = new Float32Array(Math.round((options.sampleRate * HISTORY_MS) / 1000));
  }

  /** Whether the person has started speaking. */
  get inSpeech(): boolean {
    return this.speaking;
  }

  /** Quiet heard since the last speech, in ms. */
  get quiet(): number {
    return this.quietMs;
  }

  /** In a pause whose own phrase is in `words` (or the recogniser tells words only at the end): they can be acted on. */
  get pauseWordsIn(): boolean {
    return this.speaking && this.quietMs > 0 && (!this.wordsArrive || this.words !== this.wordsAtPause);
  }

  /** Samples scaled to ±1, any number at a time; returns what happened, if anything. */
  push(samples: ArrayLike<number>): TurnEvent | undefined {
    let event: TurnEvent | undefined;
    for (let index = 0; index < samples.length; index++) {
      this.partial.push(samples[index] as number);
      if (this.partial.length === this.frame) {
        event = this.step(this.partial) ?? event;
        this.partial = [];
        if (event === "turn-end" || event === "no-speech") return event;
      }
    }
    return event;
  }

  private step(frame: number[]): TurnEvent | undefined {
    let sum = 0;
    for (const sample of frame) {
      sum += sample * sample;
      this.history[this.historyAt] = sample;
      this.historyAt = (this.historyAt + 1) % this.history.length;
    }
    const rms = Math.sqrt(sum / frame.length);
    this.elapsedMs += FRAME_MS;
    const loud = rms > Math.max(0.015, this.floor * 3);
    // The floor follows the room slowly upward and quickly downward, so speech never becomes "the floor".
    if (!loud) this.floor = rms < this.floor ? rms * 0.5 + this.floor * 0.5 : this.floor * 0.98 + rms * 0.02;
    if (loud) {
      this.loudMs += FRAME_MS;
      this.quietMs = 0;
      if (!this.speaking && this.loudMs >= MIN_SPEECH_MS) {
        this.speaking = true;
        return "speech-start";
      }
      if (this.speaking && this.loudMs >= (this.options.maxSpeechMs ?? 20_000)) return "turn-end";
      return undefined;
    }
    if (!this.speaking) {
      this.loudMs = 0;
      return this.elapsedMs >= (this.options.noSpeechMs ?? 8000) ? "no-speech" : undefined;
    }
    this.quietMs += FRAME_MS;
    if (this.quietMs === FRAME_MS) {
      this.prosody = endProsody(this.recent(), this.options.sampleRate);
      this.wordsAtPause = this.words;
    }
    return this.quietMs >= this.quietNeeded() ? "turn-end" : undefined;
  }

  /** How much quiet ends the turn now: fixed, or by the rules on the words and the voice so far. */
  quietNeeded(): number {
    if (this.options.fixedQuietMs !== undefined) return this.options.fixedQuietMs;
    if (this.wordsArrive && this.words === this.wordsAtPause) {
      this.decision = waitingForWords;
      return waitingForWords.quietMs;
    }
    this.decision = decideTurnEnd(this.words, this.prosody, this.lastWordConfidence, this.sentenceConfidence);
    return this.decision.quietMs;
  }

  /** The kept audio, oldest first, without the quiet frame just heard. */
  private recent(): Float32Array {
    const ordered = new Float32Array(this.history.length);
    ordered.set(this.history.subarray(this.historyAt));
    ordered.set(this.history.subarray(0, this.historyAt), this.history.length - this.historyAt);
    return ordered.subarray(0, ordered.length - this.frame);
  }
}
