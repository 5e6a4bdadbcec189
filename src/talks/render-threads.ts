import type { Worker } from "node:worker_threads";
import type { Config } from "../config.js";
import { receiveError } from "../core/error-transfer.js";
import { ProviderError } from "../core/errors.js";
import type { TalkRecord } from "../store/talk-records.js";
import { startWorker } from "../system/worker-thread.js";
import type { UrlPolicy } from "./guarded-request.js";
import type { LiveTurns } from "./live-turns.js";
import type { FromRenderThread, RenderThreadData, ToRenderThread } from "./render-thread.js";

export type RenderResult = { resultFile: string; duration: number };

interface Pending {
  resolve(result: RenderResult): void;
  reject(error: unknown): void;
  onProgress(fraction: number): void;
}

/**
 * Talk renders in worker threads, one talk per thread at a time, at most `size` threads: the event loop that serves
 * the page and the API only routes messages while frames are drawn and encoded elsewhere. A thread that dies fails
 * its render as retryable (the job runs again) and is replaced on the next render.
 */
export class RenderThreads {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly waiting: ((thread: Worker) => void)[] = [];
  private readonly pending = new Map<number, Pending>();
  /** The render each busy thread is on. */
  private readonly current = new Map<Worker, number>();
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly setup: { config: Config; urlPolicy: UrlPolicy; liveTurns: LiveTurns },
    private readonly size: number,
  ) {}

  async render(talk: TalkRecord, signal: AbortSignal, onProgress: (fraction: number) => void) {
    const thread = await this.take();
    const id = ++this.nextId;
    const abort = () => thread.postMessage({ type: "abort", id } satisfies ToRenderThread);
    signal.addEventListener("abort", abort, { once: true });
    try {
      return await new Promise<RenderResult>((resolve, reject) => {
        this.pending.set(id, { resolve, reject, onProgress });
        this.current.set(thread, id);
        thread.postMessage({ type: "render", id, talk } satisfies ToRenderThread);
        if (signal.aborted) abort();
      });
    } finally {
      signal.removeEventListener("abort", abort);
      this.pending.delete(id);
      this.current.delete(thread);
      this.give(thread);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.all].map((thread) => thread.terminate()));
  }

  private take(): Promise<Worker> {
    if (this.closed)
      return Promise.reject(new ProviderError("render-thread", "the render threads are closed"));
    const thread = this.idle.pop();
    if (thread) return Promise.resolve(thread);
    if (this.all.size < this.size) return Promise.resolve(this.start());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private give(thread: Worker): void {
    if (!this.all.has(thread)) return;
    const next = this.waiting.shift();
    if (next) next(thread);
    else this.idle.push(thread);
  }

  private start(): Worker {
    const data: RenderThreadData = {
      config: this.setup.config,
      urlPolicy: this.setup.urlPolicy,
      liveTurns: this.setup.liveTurns.shared,
    };
    const thread = startWorker(import.meta.url, "render-thread", { workerData: data });
    this.all.add(thread);
    thread.on("message", (message: FromRenderThread) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      if (message.type === "progress") pending.onProgress(message.fraction);
      else if (message.type === "done") pending.resolve(message.result);
      else pending.reject(receiveError(message.error));
    });
    const lost = (why: string) => {
      this.all.delete(thread);
      const index = this.idle.indexOf(thread);
      if (index >= 0) this.idle.splice(index, 1);
      const error = new ProviderError("render-thread", why, { retryable: true });
      const id = this.current.get(thread);
      if (id !== undefined) this.pending.get(id)?.reject(error);
      const next = this.waiting.shift();
      if (next && !this.closed) next(this.start());
    };
    thread.on("error", (error) => lost(`a render thread failed (${error.message})`));
    thread.on("exit", (code) => {
      if (this.all.has(thread)) lost(`a render thread stopped (exit code ${code})`);
    });
    return thread;
  }
}
