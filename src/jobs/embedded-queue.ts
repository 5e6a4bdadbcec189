import { ConflictError, NotFoundError } from "../core/errors.js";
import type { JobRecord, JobRepository } from "../store/job-records.js";
import { EmbeddedWorker } from "./embedded-worker.js";
import {
  DEFAULT_RETRY,
  type JobDefinitions,
  type JobQueue,
  type JobSnapshot,
  type JobWorker,
  type WorkOptions,
} from "./job-queue.js";

export interface EmbeddedQueueOptions {
  /** How long a claimed job stays leased without a heartbeat; a worker that died loses its jobs after this. */
  leaseMs?: number;
  /** How often an idle worker looks for due jobs (jobs enqueued in this process wake it at once). */
  pollMs?: number;
}

/**
 * The default queue: jobs are rows in the app's own database (SQLite or PostgreSQL), so one process needs nothing
 * else, and many `aitwin worker` processes on one PostgreSQL share the work.
 */
export class EmbeddedQueue implements JobQueue {
  readonly backend = "embedded";
  private readonly workers = new Set<EmbeddedWorker>();
  private readonly leaseMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly jobs: JobRepository,
    options: EmbeddedQueueOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 500;
  }

  async enqueue(
    kind: string,
    payload: unknown,
    options: { id: string; retry?: Partial<typeof DEFAULT_RETRY> },
  ) {
    const policy = { ...DEFAULT_RETRY, ...options.retry };
    const { job, created } = await this.jobs.insert({
      id: options.id,
      kind,
      payload,
      runAt: new Date(),
      ...policy,
    });
    if (created) for (const worker of this.workers) worker.wake();
    return snapshot(job);
  }

  async get(id: string): Promise<JobSnapshot | undefined> {
    const job = await this.jobs.get(id);
    return job && snapshot(job);
  }

  async retry(id: string): Promise<JobSnapshot> {
    if (!(await this.jobs.retry(id))) {
      const job = await this.jobs.get(id);
      if (!job) throw new NotFoundError(`no job with id ${JSON.stringify(id)}`);
      throw new ConflictError(`job ${id} is ${job.state}, not failed: only a failed job can be retried`);
    }
    for (const worker of this.workers) worker.wake();
    return snapshot((await this.jobs.get(id)) as JobRecord);
  }

  work(definitions: JobDefinitions, options: WorkOptions = {}): JobWorker {
    const worker = new EmbeddedWorker(this.jobs, definitions, {
      concurrency: options.concurrency ?? 1,
      leaseMs: this.leaseMs,
      pollMs: this.pollMs,
      log: options.log,
    });
    this.workers.add(worker);
    worker.start();
    return {
      stop: async () => {
        await worker.stop();
        this.workers.delete(worker);
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => worker.stop()));
    this.workers.clear();
  }
}

function snapshot(job: JobRecord): JobSnapshot {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: job.lastError,
  };
}
