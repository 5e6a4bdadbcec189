import type { JobRepository } from "../store/job-records.js";
import { EmbeddedQueue } from "./embedded-queue.js";
import type { JobQueue } from "./job-queue.js";

export interface QueueChoice {
  /** The app store's jobs table, for the embedded runner. */
  jobs: JobRepository;
  /** REDIS_URL: BullMQ when set. */
  redisUrl?: string;
  /** Redis key prefix for BullMQ. */
  prefix?: string;
  leaseMs?: number;
  pollMs?: number;
  /** A BullMQ queue of its own (the embedded runner keeps every kind in one table; workers claim by kind). */
  name?: string;
}

/** BullMQ when Redis is configured, the embedded runner on the database otherwise. */
export async function openJobQueue(choice: QueueChoice): Promise<JobQueue> {
  if (choice.redisUrl) {
    // Loaded only here so that a laptop without Redis never loads BullMQ.
    const { BullmqQueue } = await import("./bullmq-queue.js");
    return new BullmqQueue({
      url: choice.redisUrl,
      prefix: choice.prefix,
      leaseMs: choice.leaseMs,
      name: choice.name,
    });
  }
  return new EmbeddedQueue(choice.jobs, { leaseMs: choice.leaseMs, pollMs: choice.pollMs });
}
