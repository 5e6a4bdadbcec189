import type { TalkRecord } from "../store/talk-records.js";
import { talkObject } from "../talks/talk-object.js";
import { postWebhook } from "../talks/webhook-delivery.js";
import type { JobDefinition, JobQueue, RetryPolicy } from "./job-queue.js";
import type { TalkJobDeps } from "./render-talk-job.js";

export const DELIVER_WEBHOOK = "deliver-webhook";

/** Webhook receivers are often briefly down: retry for about an hour with growing gaps. */
const WEBHOOK_RETRY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 2000, maxDelayMs: 10 * 60_000 };

/** One delivery per talk and outcome: a render that reruns after a crash resubmits the same id, which is a no-op. */
export function enqueueWebhook(queue: JobQueue, talk: TalkRecord, retry?: Partial<RetryPolicy>) {
  return queue.enqueue(
    DELIVER_WEBHOOK,
    { talkId: talk.id, status: talk.status },
    { id: `webhook.${talk.id}.${talk.status}`, retry: { ...WEBHOOK_RETRY, ...retry } },
  );
}

/** POSTs the talk object, with `user_data`, to the talk's webhook, signed with the install's secret. */
export function deliverWebhookJob(deps: TalkJobDeps): JobDefinition {
  return {
    async run(job) {
      const { talkId, status } = job.payload as { talkId: string; status: string };
      const talk = await deps.store.talks.get(talkId);
      // Deleted, or retried since and heading for another outcome that will be announced itself.
      if (!talk?.spec.webhook || talk.status !== status) return;
      await postWebhook(talk.spec.webhook, talkObject(talk), deps.urlPolicy, {
        secret: deps.webhookSecret,
        id: job.id,
      });
      await deps.store.talks.markWebhookDelivered(talkId);
    },
  };
}
