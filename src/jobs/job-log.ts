import pino from "pino";
import { errorText } from "./job-queue.js";

/** Where workers report failed attempts and jobs that gave up: a pino logger, Fastify's or their own. */
export interface JobLog {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface FailedAttempt {
  id: string;
  kind: string;
  attempt: number;
  maxAttempts: number;
}

/**
 * JSON lines on stderr (pino), every message passed through `scrub` first: an error text can carry a key or a
 * signed URL, and pino's own redaction works on field paths, not inside strings.
 */
export function stderrJobLog(
  scrub: (text: string) => string,
  destination: pino.DestinationStream = pino.destination({ fd: 2, sync: true }),
) {
  const logger = pino({ base: { component: "jobs", pid: process.pid } }, destination);
  const clean = (details: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(details).map(([key, value]) => [key, typeof value === "string" ? scrub(value) : value]),
    );
  return {
    warn: (details: Record<string, unknown>, message: string) => logger.warn(clean(details), message),
    error: (details: Record<string, unknown>, message: string) => logger.error(clean(details), message),
  } satisfies JobLog;
}

/** One failed attempt: a warning when the job will run again, an error when it ends failed. */
export function reportFailure(
  log: JobLog | undefined,
  job: FailedAttempt,
  error: unknown,
  retryAt: Date | undefined,
): void {
  const details = {
    job: job.id,
    kind: job.kind,
    attempt: job.attempt,
    of: job.maxAttempts,
    error: errorText(error),
  };
  if (retryAt)
    log?.warn({ ...details, retryAt: retryAt.toISOString() }, "job attempt failed; it will run again");
  else log?.error(details, "job failed");
}
