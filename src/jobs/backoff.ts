import type { RetryPolicy } from "./job-queue.js";

/**
 * Delay before attempt `attempt + 1`: exponential, capped, with "equal jitter" (half fixed, half random), so
 * clients that failed together do not all retry together, yet the delay still grows.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
