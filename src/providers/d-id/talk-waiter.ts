import { CancelledError, ProviderError } from "../../core/errors.js";
import { sleep as realSleep } from "../openai/retrying-fetch.js";
import { type DidTalk, type DidTalkStatus, isFinished } from "./did-talk.js";

export interface PollingOptions {
  /** Wait before the first `GET /talks/{id}`; talks take seconds, so asking at once is waste. */
  firstDelayMs?: number;
  factor?: number;
  maxDelayMs?: number;
  /** Give up when the waits add up to this. */
  maxTotalMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface WaitOptions extends PollingOptions {
  getTalk(id: string): Promise<DidTalk>;
  /** A confirmed webhook: ends the current wait at once. */
  confirmed?: Promise<DidTalk>;
  onStatus?(status: DidTalkStatus): void;
  signal?: AbortSignal;
}

/** Polls a talk with growing pauses until it is finished; a confirmed webhook cuts the pause short. */
export async function waitForTalk(talkId: string, options: WaitOptions): Promise<DidTalk> {
  const sleep = options.sleep ?? realSleep;
  const factor = options.factor ?? 1.5;
  const maxDelay = options.maxDelayMs ?? 5_000;
  const maxTotal = options.maxTotalMs ?? 10 * 60_000;
  let delay = options.firstDelayMs ?? 1_000;
  let waited = 0;
  let last: DidTalkStatus | undefined;
  for (;;) {
    const pushed = await pauseOrWebhook(delay, sleep, options);
    waited += delay;
    const talk = pushed ?? (await options.getTalk(talkId));
    if (talk.status !== last) options.onStatus?.(talk.status);
    last = talk.status;
    if (isFinished(talk)) return talk;
    if (waited >= maxTotal) {
      throw new ProviderError(
        "d-id",
        `talk ${talkId} is still ${talk.status} after ${Math.round(waited / 1000)} s`,
        {
          retryable: true,
        },
      );
    }
    delay = Math.min(delay * factor, maxDelay);
  }
}

async function pauseOrWebhook(
  ms: number,
  sleep: NonNullable<PollingOptions["sleep"]>,
  options: WaitOptions,
): Promise<DidTalk | undefined> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([stop.signal, options.signal]) : stop.signal;
  const paused = sleep(ms, signal).then(
    () => undefined,
    (error: unknown) => {
      if (options.signal?.aborted) throw new CancelledError();
      if (!stop.signal.aborted) throw error;
      return undefined;
    },
  );
  const pushed = options.confirmed ?? new Promise<never>(() => {});
  try {
    return await Promise.race([paused, pushed]);
  } finally {
    stop.abort();
  }
}
