import { parentPort, type Transferable, threadId, type Worker } from "node:worker_threads";
import { receiveError, type TransferredError, transferError } from "../core/error-transfer.js";
import { CancelledError, ProviderError } from "../core/errors.js";
import { startWorker } from "./worker-thread.js";

/** What crosses to a request thread, and back. */
export type ToRequestThread<Request> = { id: number; request: Request };
export type FromRequestThread<Answer> =
  | { id: number; answer: Answer; threadId: number }
  | { id: number; error: TransferredError };

export interface RequestThreadOptions {
  /** The caller's `import.meta.url` and the thread's module beside it (no extension), as `startWorker` takes them. */
  here: string;
  module: string;
  /** In words, for errors: "the face thread". */
  name: string;
  /** Who a thread that died is blamed on (the `ProviderError`'s provider). */
  provider: string;
  /**
   * How long the thread may work without giving any answer while requests wait (default 60 s): past it, the thread
   * is taken for hung (a WASM loop that never returns), stopped, and what it had fails as retryable, so a turn or an
   * upload ends instead of waiting for ever. Each answer starts the time again.
   */
  answerWithinMs?: number;
}

/** A thread that answers nothing for this long while it has work is stopped as hung. */
export const DEFAULT_ANSWER_WITHIN_MS = 60_000;

interface Pending<Answer> {
  resolve(answer: Answer): void;
  reject(error: unknown): void;
}

/**
 * CPU-bound work on a thread of its own, asked for like a function: the thread starts at the first request and
 * never keeps the process alive; answers and errors come back in their own classes (`BadInputError` stays one); a
 * cancelled request is answered at once (its result, when the thread finishes it, is dropped); a thread that dies
 * fails what it had as retryable and the next request starts a new one. The thread's side is `answerRequests`.
 */
export class RequestThread<Request, Answer> {
  private current: Worker | undefined;
  private readonly pending = new Map<number, Pending<Answer>>();
  private nextId = 0;
  private closed = false;
  /** Runs while requests wait, from the last answer (or the first request): the hang check. */
  private watchdog: NodeJS.Timeout | undefined;
  /** The thread that gave the last answer (`threadId`), for diagnostics and tests. */
  lastThreadId: number | undefined;

  constructor(private readonly options: RequestThreadOptions) {}

  /** The thread now running, if one is (none before the first request or after it died). */
  get thread(): Worker | undefined {
    return this.current;
  }

  ask(request: Request, signal?: AbortSignal): Promise<Answer> {
    if (this.closed) return Promise.reject(new CancelledError(`${this.options.name} stopped`));
    if (signal?.aborted) return Promise.reject(new CancelledError());
    const id = ++this.nextId;
    return new Promise<Answer>((resolve, reject) => {
      const abort = () => {
        this.pending.delete(id);
        if (this.pending.size === 0) this.stopWatchdog();
        reject(new CancelledError());
      };
      signal?.addEventListener("abort", abort, { once: true });
      const settle =
        <T>(finish: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener("abort", abort);
          this.pending.delete(id);
          if (this.pending.size === 0) this.stopWatchdog();
          finish(value);
        };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      try {
        this.started().postMessage({ id, request } satisfies ToRequestThread<Request>);
        if (!this.watchdog) this.startWatchdog();
      } catch (error) {
        this.pending.get(id)?.reject(error);
      }
    });
  }

  /** Stops the thread for good; requests still waiting fail as cancelled, later ones are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const thread = this.current;
    this.current = undefined;
    this.stopWatchdog();
    this.failAll(new CancelledError(`${this.options.name} stopped`));
    await thread?.terminate();
  }

  private started(): Worker {
    if (this.current) return this.current;
    const thread = startWorker(this.options.here, this.options.module);
    // Never what keeps a process alive: a CLI or test that forgets close() still exits.
    thread.unref();
    thread.on("message", (message: FromRequestThread<Answer>) => {
      // Any answer, even to a request cancelled meanwhile, shows the thread is alive.
      if (this.watchdog) this.startWatchdog();
      const pending = this.pending.get(message.id);
      if (!pending) return;
      if ("answer" in message) {
        this.lastThreadId = message.threadId;
        pending.resolve(message.answer);
      } else pending.reject(receiveError(message.error));
    });
    const lost = (why: string) => {
      if (this.current !== thread) return;
      this.current = undefined;
      this.stopWatchdog();
      this.failAll(new ProviderError(this.options.provider, why, { retryable: true }));
    };
    thread.on("error", (error) => lost(`${this.options.name} failed (${error.message})`));
    thread.on("exit", (code) => lost(`${this.options.name} stopped (exit code ${code})`));
    this.current = thread;
    return thread;
  }

  private startWatchdog(): void {
    this.stopWatchdog();
    const limit = this.options.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS;
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      const thread = this.current;
      if (!thread) return;
      this.current = undefined;
      const seconds = limit >= 1000 ? `${Math.round(limit / 1000)} s` : `${limit} ms`;
      this.failAll(
        new ProviderError(
          this.options.provider,
          `${this.options.name} gave no answer within ${seconds} and was stopped`,
          {
            retryable: true,
          },
        ),
      );
      void thread.terminate().catch(() => {});
    }, limit);
    this.watchdog.unref();
  }

  private stopWatchdog(): void {
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  private failAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const pending of waiting) pending.reject(error);
  }
}

/**
 * The thread's side of a `RequestThread`: answers each request with `answer`, one at a time and in order (the work
 * is one instance of a model or a WASM module, and may await between its steps). `transfer` names the buffers of an
 * answer to move rather than copy.
 */
export function answerRequests<Request, Answer>(
  answer: (request: Request) => Promise<Answer>,
  transfer: (answer: Answer) => Transferable[] = () => [],
): void {
  const port = parentPort;
  if (!port) throw new Error("a request thread's module runs only as a worker thread");
  let queue: Promise<void> = Promise.resolve();
  port.on("message", ({ id, request }: ToRequestThread<Request>) => {
    queue = queue.then(async () => {
      try {
        const result = await answer(request);
        port.postMessage(
          { id, answer: result, threadId } satisfies FromRequestThread<Answer>,
          transfer(result),
        );
      } catch (error) {
        port.postMessage({ id, error: transferError(error) } satisfies FromRequestThread<Answer>);
      }
    });
  });
}
