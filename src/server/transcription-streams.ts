import { randomBytes } from "node:crypto";
import { openTranscriptionStream } from "../audio-input/transcription-stream.js";
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
}

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
    this.entries.set(id, { stream, nextChunk: 0, samples: 0, idle: this.idleTimer(id) });
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
  heardSoFar(id: string): { text: string; live: boolean } {
    const { stream } = this.entry(id);
    return { text: stream.heardSoFar?.() ?? "", live: stream.heardSoFar !== undefined };
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
    return entry;
  }

  private idleTimer(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => this.cancel(id), this.limits.idleMs);
    timer.unref();
    return timer;
  }
}
