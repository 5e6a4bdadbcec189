import type { PocketsphinxStream } from "./pocketsphinx-process.js";

export interface SpareTiming {
  /** After a stream ends, the next recogniser is loaded this much later: not while the reply is being voiced. */
  delayMs: number;
  /** A spare nobody takes is let go after this long (it holds ~100 MB). */
  idleMs: number;
}

export const SPARE_TIMING: SpareTiming = { delayMs: 1000, idleMs: 120_000 };

/**
 * One live recogniser loaded ahead of need. Loading PocketSphinx's model and dictionary took 1.4–1.8 s on a busy
 * machine (0.4 s on a quiet one): longer than a short question, so a stream opened when the person starts speaking
 * told the words of its first pause late, and the turn-end rules waited their longest for them. After each stream
 * ends, the next recogniser is loaded and waits, fed nothing, for the next `take()`. An idle spare keeps nothing
 * alive: it does not hold the process open, it is let go after a while, and it exits with the process (its input
 * closes).
 */
export class SpareStream {
  private spare: PocketsphinxStream | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly make: () => PocketsphinxStream,
    private readonly timing: SpareTiming = SPARE_TIMING,
  ) {}

  /** Whether a loaded recogniser is waiting. */
  get ready(): boolean {
    return this.spare?.running ?? false;
  }

  /** The recogniser loaded ahead, if one is waiting and alive; the caller owns it from here. */
  take(): PocketsphinxStream | undefined {
    const spare = this.spare;
    this.spare = undefined;
    this.clearTimer();
    if (!spare?.running) {
      spare?.cancel();
      return undefined;
    }
    spare.keepProcessAlive(true);
    return spare;
  }

  /**
   * A stream ended: load the next recogniser soon (after `delayMs`, or now for the first of a conversation), unless
   * one is waiting or on its way.
   */
  prepare(delayMs = this.timing.delayMs): void {
    if (this.spare || this.timer) return;
    this.timer = setTimeout(() => {
      this.spare = this.make();
      this.spare.keepProcessAlive(false);
      this.timer = setTimeout(() => this.drop(), this.timing.idleMs);
      this.timer.unref();
    }, delayMs);
    this.timer.unref();
  }

  /** Lets the waiting recogniser go (and any on its way). */
  drop(): void {
    this.clearTimer();
    this.spare?.cancel();
    this.spare = undefined;
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
