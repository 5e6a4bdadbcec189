import { type Job, type MinimalJob, Queue, UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import { ConflictError, NotFoundError } from "../core/errors.js";
import { backoffDelay } from "./backoff.js";
import { reportFailure } from "./job-log.js";
import {
  DEFAULT_RETRY,
  type EnqueueOptions,
  errorText,
  isRetryable,
  type JobContext,
  type JobDefinitions,
  type JobQueue,
  type JobSnapshot,
  type JobState,
  type JobWorker,
  type RetryPolicy,
  type WorkOptions,
} from "./job-queue.js";

export interface BullmqQueueOptions {
  url: string;
  /** Redis key prefix; tests use a fresh one each (default "aitwin"). */
  prefix?: string;
  /** Lock (lease) duration of a running job; a dead worker's job is recovered after about this long. */
  leaseMs?: number;
  /** BullMQ queue name: job kinds that must not wait behind each other get queues of their own. */
  name?: string;
}

/** What we keep in a BullMQ job's data: the payload and our retry policy (BullMQ has no cap on backoff). */
interface Envelope {
  payload: unknown;
  policy: RetryPolicy;
}

const QUEUE = "aitwin-jobs";

/**
 * The job contract on BullMQ (Redis), for many `aitwin worker` processes on many machines. Our job id is BullMQ's
 * job id, which BullMQ already deduplicates; BullMQ's lock is our lease and its stalled-job check our recovery.
 */
export class BullmqQueue implements JobQueue {
  readonly backend = "bullmq";
  private readonly queue: Queue;
  private readonly connections: Redis[] = [];
  private readonly workers = new Set<Worker>();

  constructor(private readonly options: BullmqQueueOptions) {
    this.queue = new Queue(this.name, { connection: this.connect(), prefix: options.prefix ?? "aitwin" });
  }

  private get name(): string {
    return this.options.name ?? QUEUE;
  }

  private connect(): Redis {
    // Workers block on Redis; BullMQ requires unlimited retries per request for them.
    const connection = new Redis(this.options.url, { maxRetriesPerRequest: null });
    connection.on("error", () => {});
    this.connections.push(connection);
    return connection;
  }

  async enqueue(kind: string, payload: unknown, options: EnqueueOptions): Promise<JobSnapshot> {
    const policy = { ...DEFAULT_RETRY, ...options.retry };
    const envelope: Envelope = { payload, policy };
    const job = await this.queue.add(kind, envelope, {
      jobId: options.id,
      attempts: policy.maxAttempts,
      backoff: { type: "aitwin" },
      removeOnComplete: { age: 7 * 24 * 3600 },
    });
    return snapshot(job, await job.getState());
  }

  async get(id: string): Promise<JobSnapshot | undefined> {
    // The state first, then the job's fields, which BullMQ writes in the same step that moves the job: read the other
    // way round, a job failing between the two reads showed "failed" with no error (a whole-suite run caught it).
    const state = await this.queue.getJobState(id);
    if (state === "unknown") return undefined;
    const job = await this.queue.getJob(id);
    return job && snapshot(job, state);
  }

  async retry(id: string): Promise<JobSnapshot> {
    const job = await this.queue.getJob(id);
    if (!job) throw new NotFoundError(`no job with id ${JSON.stringify(id)}`);
    const state = await job.getState();
    if (state !== "failed") {
      throw new ConflictError(`job ${id} is ${stateOf(state)}, not failed: only a failed job can be retried`);
    }
    await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
    return (await this.get(id)) as JobSnapshot;
  }

  work(definitions: JobDefinitions, options: WorkOptions = {}): JobWorker {
    const leaseMs = this.options.leaseMs ?? 30_000;
    const worker = new Worker(this.name, (job, _token, signal) => this.process(definitions, job, signal), {
      connection: this.connect(),
      prefix: this.options.prefix ?? "aitwin",
      concurrency: options.concurrency ?? 1,
      lockDuration: leaseMs,
      stalledInterval: leaseMs,
      // Stalls are counted as attempts in `process`, as the embedded runner does, not by BullMQ.
      maxStalledCount: Number.MAX_SAFE_INTEGER,
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, _error?: Error, job?: MinimalJob) =>
          backoffDelay((job?.data as Envelope | undefined)?.policy ?? DEFAULT_RETRY, attemptsMade),
      },
    });
    worker.on("error", () => {});
    // A lease lost while its worker lives means the job may run twice at once (an event loop held past the lease,
    // or Redis out of reach): worth an operator's eye, as is a dead worker's job taken over.
    worker.on("lockRenewalFailed", (ids) =>
      options.log?.warn(
        { jobs: ids, leaseMs },
        "could not renew the lease of a job in hand; another worker may take it",
      ),
    );
    worker.on("stalled", (id) =>
      options.log?.warn({ job: id, leaseMs }, "a job's lease expired without its worker; it will run again"),
    );
    worker.on("failed", (job, error) => {
      if (!job) return;
      void job
        .getState()
        .then(async (state) => {
          const attempt = context(job, AbortSignal.abort());
          const retryAt = state === "failed" ? undefined : new Date(Date.now() + (job.delay ?? 0));
          reportFailure(options.log, attempt, error, retryAt);
          if (state === "failed") await definitions[job.name]?.failed?.(attempt, error.message);
        })
        .catch(() => {});
    });
    this.workers.add(worker);
    return {
      stop: async () => {
        await worker.close();
        this.workers.delete(worker);
      },
    };
  }

  private async process(definitions: JobDefinitions, job: Job, signal: AbortSignal | undefined) {
    const definition = definitions[job.name];
    if (!definition) throw new UnrecoverableError(`no handler for jobs of kind ${job.name}`);
    const jobContext = context(job, signal ?? new AbortController().signal);
    if (jobContext.attempt > jobContext.maxAttempts) {
      throw new UnrecoverableError("its worker stopped responding on the last attempt");
    }
    try {
      await definition.run(jobContext);
    } catch (error) {
      if (isRetryable(error)) throw error;
      throw new UnrecoverableError(errorText(error));
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => worker.close()));
    await this.queue.close();
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => {})));
  }
}

function context(job: Job, signal: AbortSignal): JobContext {
  const envelope = job.data as Envelope;
  return {
    id: job.id ?? "",
    kind: job.name,
    payload: envelope.payload,
    attempt: job.attemptsStarted,
    maxAttempts: envelope.policy.maxAttempts,
    signal,
  };
}

function stateOf(state: string): JobState {
  if (state === "completed") return "done";
  if (state === "failed") return "failed";
  if (state === "active") return "running";
  return "queued";
}

function snapshot(job: Job, state: string): JobSnapshot {
  const envelope = job.data as Envelope;
  return {
    id: job.id ?? "",
    kind: job.name,
    state: stateOf(state),
    attempts: job.attemptsStarted,
    maxAttempts: envelope.policy.maxAttempts,
    lastError: job.failedReason || undefined,
  };
}
