import { rm } from "node:fs/promises";
import { join } from "node:path";
import { AitwinError } from "../core/errors.js";
import type { Store } from "../store/store.js";
import type { TalkError, TalkRecord } from "../store/talk-records.js";
import { resultsDir } from "../talks/talk-media.js";
import { renderTalkVideo, type TalkRenderDeps } from "../talks/talk-renderer.js";
import { enqueueWebhook } from "./deliver-webhook-job.js";
import { errorText, isRetryable, type JobDefinition, type JobQueue, type RetryPolicy } from "./job-queue.js";

export const RENDER_TALK = "render-talk";

export interface TalkJobDeps extends TalkRenderDeps {
  store: Store;
  queue: JobQueue;
  /** Webhook deliveries: their own queue and workers, so a slow receiver never holds a render. */
  webhookQueue: JobQueue;
  /** The install's Standard Webhooks signing secret. */
  webhookSecret: string;
  /** Tells the page (SSE) about a talk's status and render progress. */
  publish(talk: TalkRecord, progress?: number): void;
  renderRetry?: Partial<RetryPolicy>;
  webhookRetry?: Partial<RetryPolicy>;
  /** Renders off this thread (RenderThreads); by default the render runs here, on the event loop. */
  renderVideo?: (
    talk: TalkRecord,
    signal: AbortSignal,
    onProgress: (fraction: number) => void,
  ) => Promise<{ resultFile: string; duration: number }>;
}

/** One render job per talk: its id is derived from the talk's, so submitting twice renders once. */
export function enqueueRender(queue: JobQueue, talkId: string, retry?: Partial<RetryPolicy>) {
  return queue.enqueue(
    RENDER_TALK,
    { talkId },
    { id: `render.${talkId}`, retry: { maxAttempts: 3, baseDelayMs: 2000, ...retry } },
  );
}

/**
 * Renders a talk. Every step is safe to repeat, since a job may run again after its worker died: a talk already done
 * only has its webhook (re)submitted, which is idempotent, so each outcome is announced once.
 */
export function renderTalkJob(deps: TalkJobDeps): JobDefinition {
  const talks = deps.store.talks;
  const settle = async (talkId: string) => {
    const talk = await talks.get(talkId);
    if (!talk) return;
    deps.publish(talk);
    if (talk.spec.webhook) await enqueueWebhook(deps.webhookQueue, talk, deps.webhookRetry);
  };
  return {
    async run(job) {
      const { talkId } = job.payload as { talkId: string };
      const talk = await talks.get(talkId);
      if (!talk) return; // deleted meanwhile
      if (talk.status === "done") return settle(talkId);
      if (!(await talks.markStarted(talkId))) return settle(talkId);
      deps.publish({ ...talk, status: "started" }, 0);
      const recordProgress = progressRecorder((fraction) => talks.setProgress(talkId, fraction));
      try {
        const onProgress = (fraction: number) => {
          deps.publish({ ...talk, status: "started" }, fraction);
          recordProgress(fraction);
        };
        const result = deps.renderVideo
          ? await deps.renderVideo(talk, job.signal, onProgress)
          : await renderTalkVideo(deps, talk, job.signal, onProgress);
        if (!(await talks.markDone(talkId, result)) && !(await talks.get(talkId))) {
          // Deleted while it rendered: the video has no talk to belong to (delete ran before it existed).
          await rm(join(resultsDir(deps.mediaDir), result.resultFile), { force: true });
          return;
        }
      } catch (error) {
        // Lost the lease: another worker owns the talk now and will record its outcome.
        if (job.signal.aborted) throw error;
        if (!isRetryable(error)) await talks.markFailed(talkId, failureStatus(error), talkError(error));
        else if (job.attempt >= job.maxAttempts) await talks.markFailed(talkId, "error", talkError(error));
        else throw error;
        await settle(talkId);
        throw error;
      }
      await settle(talkId);
    },
    async failed(job, error) {
      // Reached also when the last attempt's worker died, and the run above never got to record the failure.
      const { talkId } = job.payload as { talkId: string };
      const talk = await talks.get(talkId);
      if (talk?.status !== "started" && talk?.status !== "created") return;
      if (await talks.markFailed(talkId, "error", { kind: "InternalServerError", description: error })) {
        await settle(talkId);
      }
    },
  };
}

/** Steps of render progress written to the database, where pages served by other processes read it. */
const PROGRESS_STEP = 0.1;

/**
 * Writes progress in 10% steps, one write at a time: while one is in flight only the newest value waits, so a slow
 * database never builds a backlog of stale ones. A failed write never touches the render: progress is a courtesy.
 */
function progressRecorder(write: (fraction: number) => Promise<unknown>): (fraction: number) => void {
  let recorded = 0;
  let latest = 0;
  let writing = false;
  const flush = () => {
    if (writing || latest < recorded + PROGRESS_STEP) return;
    recorded = latest;
    writing = true;
    write(latest)
      .catch(() => undefined)
      .finally(() => {
        writing = false;
        flush();
      });
  };
  return (fraction) => {
    latest = Math.max(latest, fraction);
    flush();
  };
}

function failureStatus(error: unknown): "rejected" | "error" {
  return error instanceof AitwinError && error.kind === "bad-input" ? "rejected" : "error";
}

/** D-ID's error object: a kind ending in "Error" and a description safe to show. */
function talkError(error: unknown): TalkError {
  const description = error instanceof AitwinError ? errorText(error) : "the render failed";
  if (/face/i.test(description)) return { kind: "FaceError", description };
  if (error instanceof AitwinError && error.kind === "bad-input")
    return { kind: "ValidationError", description };
  return { kind: "InternalServerError", description };
}
