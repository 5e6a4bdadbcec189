import { CancelledError } from "../core/errors.js";
import {
  STREAM_SAMPLE_RATE,
  type TranscribeOptions,
  type Transcriber,
  type Transcript,
  type TranscriptionStream,
} from "../core/transcriber.js";

/** A stream on any recogniser: its own when it streams, else the audio is kept and transcribed at the end. */
export function openTranscriptionStream(
  transcriber: Transcriber,
  options: TranscribeOptions = {},
): TranscriptionStream {
  return transcriber.openStream?.(options) ?? new BufferedTranscriptionStream(transcriber, options);
}

class BufferedTranscriptionStream implements TranscriptionStream {
  private chunks: Int16Array[] = [];
  private cancelled = false;

  constructor(
    private readonly transcriber: Transcriber,
    private readonly options: TranscribeOptions,
  ) {}

  write(samples: Int16Array): void {
    if (!this.cancelled) this.chunks.push(samples.slice());
  }

  finish(): Promise<Transcript> {
    if (this.cancelled) return Promise.reject(new CancelledError());
    const samples = new Int16Array(this.chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let offset = 0;
    for (const chunk of this.chunks) {
      samples.set(chunk, offset);
      offset += chunk.length;
    }
    this.chunks = [];
    return this.transcriber.transcribe({ sampleRate: STREAM_SAMPLE_RATE, samples }, this.options);
  }

  cancel(): void {
    this.cancelled = true;
    this.chunks = [];
  }
}
