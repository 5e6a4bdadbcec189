import { AitwinError, ProviderError } from "../core/errors.js";
import type { JobState } from "../store/job-records.js";

export type { JobState };

/**
 * Durable background jobs, one contract with two implementations: the embedded runner on the database
 * (`embedded-queue.ts`, the default) and BullMQ on Redis (`bullmq-queue.ts`, with REDIS_URL). Both promise the same
 * semantics, held to one suite (`test-support/queue-conformance.ts`): idempotent submission by job id, retries with
 * exponential backoff and jitter, a lease that a dead worker loses so another finishes its job, and a failed state
 * that can be retried.
 */
export interface JobQueue {
  readonly backend: "embedded" | "bullmq";
  /** Submits a job; submitting an id that exists changes nothing and returns the existing job. */
  enqueue(kind: string, payload: unknown, options: EnqueueOptions): Promise<JobSnapshot>;
  get(id: string): Promise<JobSnapshot | undefined>;
  /** Runs a failed job again with fresh attempts; a ConflictError when it is not failed. */
  retry(id: string): Promise<JobSnapshot>;
  /** Starts taking jobs of the given kinds in this process. */
  work(definitions: JobDefinitions, options?: WorkOptions): JobWorker;
  close(): Promise<void>;
}

export interface EnqueueOptions {
  /** The job's id, and its idempotency key. */
  id: string;
  retry?: Partial<RetryPolicy>;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles each time, with jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 };

export interface JobSnapshot {
  id: string;
  kind: string;
  state: JobState;
  /** Attempts started so far. */
  attempts: number;
  maxAttempts: number;
  lastError: string | undefined;
}

export interface JobContext {
  id: string;
  kind: string;
  payload: unknown;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** Fires when the worker stops or loses the job's lease: stop, another worker owns the job now. */
  signal: AbortSignal;
}

export interface JobDefinition {
  run(job: JobContext): Promise<void>;
  /** Called once when the job ends failed: a permanent error, the last attempt, or its worker died on the last. */
  failed?(job: JobContext, error: string): Promise<void>;
}

export type JobDefinitions = Record<string, JobDefinition>;

export interface WorkOptions {
  /** Jobs run at once by this worker (default 1: a render uses a core). */
  concurrency?: number;
  /**
   * Told of each failed attempt and each job that gives up (JobLog in job-log.ts), and on BullMQ of leases lost or
   * expired; silent when absent.
   */
  log?: {
    warn(details: Record<string, unknown>, message: string): void;
    error(details: Record<string, unknown>, message: string): void;
  };
}

export interface JobWorker {
  /** Takes no new jobs and waits for the running ones (SIGTERM drains). */
  stop(): Promise<void>;
}

/** Whether another attempt may succeed: bad input, unknown things and configuration never get better by waiting. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ProviderError) return error.retryable;
  if (error instanceof AitwinError) {
    return error.kind === "storage" || error.kind === "internal" || error.kind === "cancelled";
  }
  // Anything else (a crash in a library, a full disk, a network blip) may well pass.
  return true;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
