import { randomBytes } from "node:crypto";
import { openTranscriptionStream } from "../audio-input/transcription-stream.js";
import { meanConfidence } from "../audio-input/turn-end-rules.js";
import { BadInputError, BusyError, ConflictError, NotFoundError } from "../core/errors.js";
import {
  STREAM_SAMPLE_RATE,
  type TranscribeOptions,
  type Transcriber,
  type Transcript,
  type TranscriptionStream,
} from "../core/transcriber.js";

export interface StreamLimits {
  /** Streams open at once on this server: each is a recogniser process. */
  maxOpen: number;
  /** A stream nobody writes to for this long is dropped (a closed tab, a lost connection). */
  idleMs: number;
  /** Longest speech one stream takes. */
  maxSpeechMs: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { maxOpen: 4, idleMs: 30_000, maxSpeechMs: 60_000 };

interface Entry {
  stream: TranscriptionStream;
  nextChunk: number;
  samples: number;
  idle: NodeJS.Timeout;
  /** Counts the changes of the words so far, so a client can ask for the next one. */
  version: number;
  /** Requests held until the words change (or the stream ends). */
  waiting: Set<() => void>;
  stopHearing: () => void;
}

/** What the words route answers: the words so far, whether they come before the end at all, and their version. */
export interface HeardWords {
  text: string;
  live: boolean;
  version: number;
  /** How sure the recogniser is of the last word (0–1), when it says: the turn-end rules weigh it. */
  lastWordConfidence?: number;
  /** How sure it is of all the words so far, on average (0–1), when it says. */
  sentenceConfidence?: number;
}

/** The longest a request for the next words is held. */
export const MAX_WORDS_WAIT_MS = 5000;

/**
 * The page's open speech streams: audio arrives in numbered chunks while the person speaks, and the transcript is
 * asked for when they stop. Chunks must come in order, each once (a retried or reordered chunk is refused, not
 * silently mixed in); streams left open are dropped after a while.
 */
export class TranscriptionStreams {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS) {}

  get openCount(): number {
    return this.entries.size;
  }

  open(transcriber: Transcriber, options: TranscribeOptions = {}): string {
    if (this.entries.size >= this.limits.maxOpen) {
      throw new BusyError(`${this.limits.maxOpen} speech streams are open already; try again in a moment`);
    }
    const id = `stt_${randomBytes(12).toString("hex")}`;
    const stream = openTranscriptionStream(transcriber, options);
    const waiting = new Set<() => void>();
    const entry: Entry = {
      stream,
      nextChunk: 0,
      samples: 0,
      idle: this.idleTimer(id),
      version: 0,
      waiting,
      stopHearing: () => undefined,
    };
    entry.stopHearing =
      stream.onHeard?.(() => {
        entry.version++;
        for (const wake of [...waiting]) wake();
      }) ?? entry.stopHearing;
    this.entries.set(id, entry);
    return id;
  }

  append(id: string, chunk: number, samples: Int16Array): void {
    const entry = this.entry(id);
    if (chunk !== entry.nextChunk) {
      throw new ConflictError(`expected audio chunk ${entry.nextChunk} of this stream, got ${chunk}`);
    }
    entry.samples += samples.length;
    if ((entry.samples / STREAM_SAMPLE_RATE) * 1000 > this.limits.maxSpeechMs) {
      this.cancel(id);
      throw new BadInputError(
        `the speech is longer than ${this.limits.maxSpeechMs / 1000} s; the stream was dropped`,
      );
    }
    entry.stream.write(samples);
    entry.nextChunk++;
    clearTimeout(entry.idle);
    entry.idle = this.idleTimer(id);
  }

  /** The words recognised so far, and whether this recogniser tells them before the end at all (`live`). */
  heardSoFar(id: string): HeardWords {
    const { stream, version } = this.entry(id);
    const heard: HeardWords = {
      text: stream.heardSoFar?.() ?? "",
      live: stream.heardSoFar !== undefined,
      version,
    };
    const words = stream.heardWordsSoFar?.() ?? [];
    const confidence = words.at(-1)?.confidence;
    if (confidence !== undefined) heard.lastWordConfidence = confidence;
    const sentence = meanConfidence(words);
    if (sentence !== undefined) heard.sentenceConfidence = sentence;
    return heard;
  }

  /**
   * The words once they are newer than `since` (a version an earlier answer gave): at once if they already are,
   * else when they change, the stream ends, or `waitMs` passes, whichever is first. A recogniser that cannot say
   * when its words change is answered at once.
   */
  async heardAfter(id: string, since: number, waitMs: number): Promise<HeardWords> {
    const entry = this.entry(id);
    if (entry.version > since || !entry.stream.onHeard) return this.heardSoFar(id);
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        entry.waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.min(waitMs, MAX_WORDS_WAIT_MS));
      entry.waiting.add(wake);
    });
    const current = this.entries.get(id);
    // Ended while waiting: nothing more will be heard on it; the last words are in the transcript.
    return current ? this.heardSoFar(id) : { text: "", live: true, version: entry.version };
  }

  finish(id: string): Promise<Transcript> {
    return this.take(id).stream.finish();
  }

  /** False when there was no such stream (finished, dropped or never opened). */
  cancel(id: string): boolean {
    if (!this.entries.has(id)) return false;
    this.take(id).stream.cancel();
    return true;
  }

  close(): void {
    for (const id of [...this.entries.keys()]) this.cancel(id);
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new NotFoundError("no such speech stream (finished, cancelled, or idle too long)");
    return entry;
  }

  private take(id: string): Entry {
    const entry = this.entry(id);
    clearTimeout(entry.idle);
    this.entries.delete(id);
    entry.stopHearing();
    for (const wake of [...entry.waiting]) wake();
    return entry;
  }

  private idleTimer(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => this.cancel(id), this.limits.idleMs);
    timer.unref();
    return timer;
  }
}
