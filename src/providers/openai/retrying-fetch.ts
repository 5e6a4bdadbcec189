import { CancelledError } from "../../core/errors.js";

/** How a cloud call is retried; every delay goes through `sleep`, so tests replace it and never wait. */
export interface RetryOptions {
  /** Tries after the first; 2 means three attempts in all. */
  maxRetries?: number;
  /** First backoff; doubled on each retry (with jitter), capped at `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per attempt, until the response headers arrive. */
  timeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  fetch?: typeof fetch;
  /** Which failed statuses to try again; 408, 429 and 5xx by default (a non-idempotent POST may want fewer). */
  retryStatus?: (status: number) => boolean;
}

/** Thrown when every attempt failed before a response came back (refused connection, timeout). */
export class NetworkFailure extends Error {
  readonly timedOut: boolean;
  constructor(message: string, timedOut: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "NetworkFailure";
    this.timedOut = timedOut;
  }
}

const RETRY_AFTER_CAP_MS = 60_000;

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new CancelledError());
    }
    signal?.addEventListener("abort", abort, { once: true });
  });
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Fetches, retrying 408/429/5xx and network failures with exponential backoff; a server's `retry-after-ms` or
 * `Retry-After` (seconds or an HTTP date) wins over our own backoff. The last response is returned even when it
 * failed, so the caller maps its error body; `makeInit` is called per attempt because a body may be single-use.
 */
export async function fetchWithRetry(
  url: string,
  makeInit: () => RequestInit,
  options: RetryOptions & { signal?: AbortSignal } = {},
): Promise<Response> {
  const maxRetries = options.maxRetries ?? 2;
  const wait = options.sleep ?? sleep;
  const doFetch = options.fetch ?? fetch;
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw new CancelledError();
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 60_000);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response | undefined;
    let failure: NetworkFailure | undefined;
    try {
      response = await doFetch(url, { ...makeInit(), signal });
    } catch (error) {
      if (options.signal?.aborted) throw new CancelledError();
      const timedOut = timeout.aborted;
      const reason = timedOut ? "timed out" : ((error as Error).cause as Error | undefined)?.message;
      failure = new NetworkFailure(reason ?? (error as Error).message, timedOut, { cause: error });
    }
    const retryStatus = options.retryStatus ?? isRetryableStatus;
    const retryable = failure !== undefined || (response !== undefined && retryStatus(response.status));
    if (!retryable || attempt >= maxRetries) {
      if (failure) throw failure;
      return response as Response;
    }
    // Drain the failed body so the connection can be reused.
    await response?.arrayBuffer().catch(() => undefined);
    await wait(delayFor(attempt, response?.headers, options), options.signal);
  }
}

function delayFor(attempt: number, headers: Headers | undefined, options: RetryOptions): number {
  const told = serverDelay(headers);
  if (told !== undefined) return told;
  const base = (options.baseDelayMs ?? 500) * 2 ** attempt;
  // Jitter spreads clients that failed together so they do not retry together.
  return Math.min(options.maxDelayMs ?? 8_000, base * (0.75 + Math.random() * 0.5));
}

function serverDelay(headers: Headers | undefined): number | undefined {
  const milliseconds = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return Math.min(milliseconds, RETRY_AFTER_CAP_MS);
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), RETRY_AFTER_CAP_MS) : undefined;
}
