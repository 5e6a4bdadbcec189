import type { App } from "../app/app.js";
import { DELIVER_WEBHOOK, deliverWebhookJob } from "../jobs/deliver-webhook-job.js";
import { stderrJobLog } from "../jobs/job-log.js";
import type { JobDefinitions, JobQueue, JobWorker, RetryPolicy, WorkOptions } from "../jobs/job-queue.js";
import { openJobQueue } from "../jobs/open-queue.js";
import { RENDER_TALK, renderTalkJob, type TalkJobDeps } from "../jobs/render-talk-job.js";
import { LocalAvatarRenderer } from "../providers/local-avatar/local-avatar-renderer.js";
import { textScrubber } from "../server/safe-text.js";
import type { TalkRecord } from "../store/talk-records.js";
import { DEFAULT_URL_POLICY, type UrlPolicy } from "./guarded-request.js";
import { LiveTurns } from "./live-turns.js";
import { RenderThreads } from "./render-threads.js";
import { TalkService } from "./talk-service.js";
import { webhookSecret } from "./webhook-signing.js";

export interface TalkRuntimeOptions {
  /** Told of each status change and of render progress made in this process. */
  publish?: (talk: TalkRecord, progress?: number) => void;
  /** Queue tuning (tests and the bench shorten leases and polls); a Redis key prefix for BullMQ. */
  queue?: { leaseMs?: number; pollMs?: number; prefix?: string };
  urlPolicy?: Partial<UrlPolicy>;
  renderRetry?: Partial<RetryPolicy>;
  webhookRetry?: Partial<RetryPolicy>;
  /**
   * Render in worker threads (default), so the event loop stays free for the page and the API; false renders on
   * the event loop (one process per render, as `aitwin worker` used to).
   */
  renderThreads?: boolean;
  /** Where failed attempts and failed jobs are reported (default: JSON lines on stderr, secrets scrubbed). */
  jobLog?: WorkOptions["log"];
  /** Live turns of this process, which renders wait for (ConversationSessions.liveTurns). */
  liveTurns?: LiveTurns;
}

/** Webhook deliveries wait on the network, not the CPU: several at once, beside (never before) the renders. */
const WEBHOOK_CONCURRENCY = 4;

/**
 * The talks API's moving parts: the queues (embedded or BullMQ) for renders and for webhook deliveries, the
 * service over them, and their job kinds.
 */
export interface TalkRuntime {
  readonly queue: JobQueue;
  readonly webhookQueue: JobQueue;
  readonly service: TalkService;
  /** Starts rendering talks (`concurrency` at once) and, in a pool of their own, delivering webhooks. */
  work(concurrency?: number, log?: WorkOptions["log"]): JobWorker;
  close(): Promise<void>;
}

export async function openTalkRuntime(app: App, options: TalkRuntimeOptions = {}): Promise<TalkRuntime> {
  const { config, store } = app;
  const queue = await openJobQueue({ jobs: store.jobs, redisUrl: config.redisUrl, ...options.queue });
  const webhookQueue = await openJobQueue({
    jobs: store.jobs,
    redisUrl: config.redisUrl,
    ...options.queue,
    name: "aitwin-webhooks",
  });
  const urlPolicy: UrlPolicy = {
    ...DEFAULT_URL_POLICY,
    allowPrivate: config.allowPrivateUrls ?? false,
    ...options.urlPolicy,
  };
  const service = new TalkService({
    store,
    queue,
    mediaDir: config.mediaDir,
    publicUrl: config.publicUrl,
    allowPrivateUrls: urlPolicy.allowPrivate,
    synthesizer: app.synthesizer,
    renderRetry: options.renderRetry,
  });
  let threads: RenderThreads | undefined;
  const deps: TalkJobDeps = {
    store,
    queue,
    webhookQueue,
    webhookSecret: await webhookSecret(config.dataDir),
    mediaDir: config.mediaDir,
    urlPolicy,
    synthesizer: app.synthesizer,
    renderer: new LocalAvatarRenderer({ mediaDir: config.mediaDir }),
    publish: options.publish ?? (() => {}),
    renderRetry: options.renderRetry,
    webhookRetry: options.webhookRetry,
  };
  const renders: JobDefinitions = { [RENDER_TALK]: renderTalkJob(deps) };
  const deliveries: JobDefinitions = { [DELIVER_WEBHOOK]: deliverWebhookJob(deps) };
  return {
    queue,
    webhookQueue,
    service,
    work(concurrency = 1, log = options.jobLog ?? stderrJobLog(textScrubber(config))) {
      if (options.renderThreads !== false) {
        const liveTurns = options.liveTurns ?? new LiveTurns();
        threads = new RenderThreads({ config, urlPolicy, liveTurns }, concurrency);
        const pool = threads;
        deps.renderVideo = (talk, signal, onProgress) => pool.render(talk, signal, onProgress);
      }
      const workers = [
        queue.work(renders, { concurrency, log }),
        webhookQueue.work(deliveries, { concurrency: WEBHOOK_CONCURRENCY, log }),
      ];
      return { stop: async () => void (await Promise.all(workers.map((worker) => worker.stop()))) };
    },
    close: async () => void (await Promise.all([queue.close(), webhookQueue.close(), threads?.close()])),
  };
}
