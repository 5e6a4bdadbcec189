import type { Worker } from "node:worker_threads";
import { receiveError } from "../../core/error-transfer.js";
import { CancelledError, ProviderError } from "../../core/errors.js";
import type { Speech, SynthesisRequest, Synthesizer, VoiceInfo } from "../../core/synthesizer.js";
import { startWorker } from "../../system/worker-thread.js";
import type { FromSpeechThread, ToSpeechThread } from "./speech-thread.js";

interface Pending {
  resolve(speech: Speech): void;
  reject(error: unknown): void;
}

/**
 * The embedded voice (flite, synchronous WASM) on a thread of its own, for the server: a sentence being synthesised
 * no longer holds the event loop that serves other conversations, the API and the audio already streaming. Same
 * contract and voices as the synthesizer it wraps; a cancelled request is answered at once (its result, when the
 * thread finishes it, is dropped). A thread that dies fails what it had as retryable and is started again.
 */
export class ThreadedSynthesizer implements Synthesizer {
  readonly provider: string;
  readonly modelId: string;
  private thread: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(private readonly inner: Synthesizer) {
    this.provider = inner.provider;
    this.modelId = inner.modelId;
  }

  voices(): Promise<VoiceInfo[]> {
    return this.inner.voices();
  }

  synthesize(request: SynthesisRequest): Promise<Speech> {
    const { signal } = request;
    if (signal?.aborted) return Promise.reject(new CancelledError());
    const id = ++this.nextId;
    return new Promise<Speech>((resolve, reject) => {
      const abort = () => {
        this.pending.delete(id);
        reject(new CancelledError());
      };
      signal?.addEventListener("abort", abort, { once: true });
      const settle =
        <T>(finish: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener("abort", abort);
          this.pending.delete(id);
          finish(value);
        };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      const { text, voice, rate } = request;
      try {
        this.started().postMessage({ type: "say", id, text, voice, rate } satisfies ToSpeechThread);
      } catch (error) {
        this.pending.get(id)?.reject(error);
      }
    });
  }

  /** Stops the thread; requests still waiting fail as cancelled. */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    for (const pending of this.pending.values())
      pending.reject(new CancelledError("the speech thread stopped"));
    await thread?.terminate();
  }

  private started(): Worker {
    if (this.thread) return this.thread;
    const thread = startWorker(import.meta.url, "speech-thread");
    // Never what keeps a process alive: a CLI or test that forgets close() still exits.
    thread.unref();
    thread.on("message", (message: FromSpeechThread) => {
      const pending = this.pending.get(message.id);
      if (message.type === "said") pending?.resolve(message.speech);
      else pending?.reject(receiveError(message.error));
    });
    const lost = (why: string) => {
      if (this.thread !== thread) return;
      this.thread = undefined;
      const error = new ProviderError(this.provider, why, { retryable: true });
      for (const pending of this.pending.values()) pending.reject(error);
    };
    thread.on("error", (error) => lost(`the speech thread failed (${error.message})`));
    thread.on("exit", (code) => lost(`the speech thread stopped (exit code ${code})`));
    this.thread = thread;
    return thread;
  }
}
