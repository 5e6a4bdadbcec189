import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { JobRecord, JobRepository } from "../store/job-records.js";
import { backoffDelay } from "./backoff.js";
import { reportFailure } from "./job-log.js";
import {
  errorText,
  isRetryable,
  type JobContext,
  type JobDefinitions,
  type WorkOptions,
} from "./job-queue.js";

interface WorkerSettings {
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  log?: WorkOptions["log"];
}

/**
 * One worker of the embedded queue: claims due jobs, keeps their leases alive with heartbeats while they run, and
 * records the outcome fenced by its lease. A job whose lease it loses is aborted and left to the new owner.
 */
export class EmbeddedWorker {
  /** Unique per worker, and says where it runs, for anyone reading the jobs table. */
  private readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  private readonly running = new Set<Promise<void>>();
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly jobs: JobRepository,
    private readonly definitions: JobDefinitions,
    private readonly settings: WorkerSettings,
  ) {}

  start(): void {
    this.wake();
  }

  /** Looks for work now rather than at the next poll. */
  wake(): void {
    if (this.stopping || this.polling) return;
    clearTimeout(this.timer);
    this.polling = this.fill()
      .catch(() => {
        // The database was unreachable for a moment; the next poll tries again.
      })
      .finally(() => {
        this.polling = undefined;
        if (!this.stopping) this.timer = setTimeout(() => this.wake(), this.settings.pollMs);
      });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.polling;
    await Promise.all(this.running);
  }

  private async fill(): Promise<void> {
    const kinds = Object.keys(this.definitions);
    while (!this.stopping && this.running.size < this.settings.concurrency) {
      const claimed = await this.jobs.claim(kinds, this.owner, this.settings.leaseMs);
      if (!claimed) return;
      const execution = claimed.exhausted ? this.giveUp(claimed.job) : this.execute(claimed.job);
      this.running.add(execution);
      void execution.finally(() => {
        this.running.delete(execution);
        this.wake();
      });
    }
  }

  private context(job: JobRecord, signal: AbortSignal): JobContext {
    const { id, kind, payload, attempts, maxAttempts } = job;
    return { id, kind, payload, attempt: attempts, maxAttempts, signal };
  }

  private failedAttempt(job: JobRecord) {
    return { id: job.id, kind: job.kind, attempt: job.attempts, maxAttempts: job.maxAttempts };
  }

  private async giveUp(job: JobRecord): Promise<void> {
    const reason = job.lastError ?? "its worker stopped responding";
    reportFailure(this.settings.log, this.failedAttempt(job), reason, undefined);
    await this.definitions[job.kind]
      ?.failed?.(this.context(job, AbortSignal.abort()), reason)
      .catch(() => {});
  }

  private async execute(job: JobRecord): Promise<void> {
    const definition = this.definitions[job.kind];
    const lost = new AbortController();
    const heartbeat = setInterval(() => {
      void this.jobs.heartbeat(job.id, this.owner, this.settings.leaseMs).then(
        (held) => held || lost.abort(),
        () => {},
      );
    }, this.settings.leaseMs / 3);
    const context = this.context(job, lost.signal);
    try {
      if (!definition) throw new Error(`no handler for jobs of kind ${job.kind}`);
      await definition.run(context);
      clearInterval(heartbeat);
      await this.jobs.complete(job.id, this.owner);
    } catch (error) {
      clearInterval(heartbeat);
      if (lost.signal.aborted) return;
      const message = errorText(error);
      const again = isRetryable(error) && job.attempts < job.maxAttempts;
      const retryAt = again ? new Date(Date.now() + backoffDelay(job, job.attempts)) : undefined;
      const recorded = await this.jobs.fail(job.id, this.owner, message, retryAt).catch(() => false);
      if (recorded) reportFailure(this.settings.log, this.failedAttempt(job), error, retryAt);
      if (recorded && !again) await definition?.failed?.(context, message).catch(() => {});
    }
  }
}
