/** A job's life: queued (maybe waiting for a retry time) → running (leased by one worker) → done, or failed. */
export type JobState = "queued" | "running" | "done" | "failed";

export interface JobRecord {
  id: string;
  kind: string;
  payload: unknown;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  runAt: string;
  leaseOwner: string | undefined;
  lastError: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export interface NewJob {
  id: string;
  kind: string;
  payload: unknown;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  runAt: Date;
}

/** A claimed job; `exhausted` when it was a dead worker's job with no attempts left, now failed instead of run. */
export interface ClaimedJob {
  job: JobRecord;
  exhausted: boolean;
}

/**
 * The SQL side of the embedded job runner (see `src/jobs/embedded-queue.ts`). Every change is fenced by the lease
 * owner, so a worker that lost its lease (it stalled, another took over) cannot overwrite the new owner's work.
 */
export interface JobRepository {
  /** Inserts a job; an id that exists already returns the existing job (`created: false`). */
  insert(job: NewJob): Promise<{ job: JobRecord; created: boolean }>;
  get(id: string): Promise<JobRecord | undefined>;
  /** Takes the next due job of these kinds, or a running one whose lease expired; leases it to `owner`. */
  claim(kinds: string[], owner: string, leaseMs: number): Promise<ClaimedJob | undefined>;
  /** Extends the lease; false when `owner` no longer holds it. */
  heartbeat(id: string, owner: string, leaseMs: number): Promise<boolean>;
  complete(id: string, owner: string): Promise<boolean>;
  /** Back to queued until `retryAt`, or failed when `retryAt` is absent. */
  fail(id: string, owner: string, error: string, retryAt: Date | undefined): Promise<boolean>;
  /** failed → queued with fresh attempts; false when the job is not failed. */
  retry(id: string): Promise<boolean>;
}
