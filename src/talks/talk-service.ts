import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { BadInputError, ConflictError, NotFoundError } from "../core/errors.js";
import type { Synthesizer } from "../core/synthesizer.js";
import type { JobQueue, RetryPolicy } from "../jobs/job-queue.js";
import { enqueueRender } from "../jobs/render-talk-job.js";
import type { Store } from "../store/store.js";
import type { TalkRecord, TalkSpec } from "../store/talk-records.js";
import { resultsDir, sweepPartialResults } from "./talk-media.js";
import { talkRequestSchema } from "./talk-request.js";
import { checkRemote, resolveScript, resolveSource } from "./talk-sources.js";
import { type RequestedVoice, resolveTalkVoice, type TalkVoice } from "./talk-voice.js";

export interface TalkServiceOptions {
  store: Store;
  queue: JobQueue;
  mediaDir: string;
  publicUrl: string | undefined;
  allowPrivateUrls: boolean;
  synthesizer: () => Promise<Synthesizer | undefined>;
  renderRetry?: Partial<RetryPolicy>;
}

const DEFAULT_RENDER = { size: 256, fps: 25 };

/** The talks API's core: validates and records a talk, then hands its rendering to the job queue. */
export class TalkService {
  constructor(private readonly options: TalkServiceOptions) {}

  /** `origin` is this server as the client reached it; the talk's URLs are built on PUBLIC_URL or on it. */
  async create(body: unknown, request: { origin: string; idempotencyKey?: string }): Promise<TalkRecord> {
    const parsed = talkRequestSchema.safeParse(body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join(".");
      throw new BadInputError(
        field && !issue?.message.includes(field)
          ? `${field}: ${issue?.message}`
          : (issue?.message ?? "invalid"),
      );
    }
    const input = parsed.data;
    const baseUrl = (this.options.publicUrl ?? request.origin).replace(/\/+$/, "");
    const context = {
      mediaDir: this.options.mediaDir,
      ownOrigins: [new URL(baseUrl).origin, new URL(request.origin).origin],
      allowPrivate: this.options.allowPrivateUrls,
    };
    const resolved = await resolveScript(input.script, context);
    if (input.webhook) await checkRemote("webhook", input.webhook, context);
    const ssml = input.script.type === "text" && input.script.ssml ? input.script.input : undefined;
    const script =
      resolved.type === "text"
        ? { ...resolved, ...(await this.voiceFor(resolved.provider, ssml)) }
        : resolved;
    const spec: TalkSpec = {
      source: await resolveSource(input.source_url, context),
      script,
      webhook: input.webhook,
      userData: input.user_data,
      config: {
        size: input.config?.size ?? DEFAULT_RENDER.size,
        fps: input.config?.fps ?? DEFAULT_RENDER.fps,
        ...(input.config?.driver_expressions && { driverExpressions: input.config.driver_expressions }),
        ...(input.config?.motion && { motion: input.config.motion }),
        ...(input.config?.mood && { mood: input.config.mood }),
      },
      ...(input.face && {
        faceCentre: [
          input.face.top_left[0] + input.face.size / 2,
          input.face.top_left[1] + input.face.size / 2,
        ],
      }),
      baseUrl,
      requestHash: createHash("sha256").update(JSON.stringify(input)).digest("hex"),
    };
    const { talk, created } = await this.options.store.talks.create({
      sourceUrl: input.source_url,
      spec,
      idempotencyKey: request.idempotencyKey,
    });
    if (!created && talk.spec.requestHash !== spec.requestHash) {
      throw new ConflictError("this Idempotency-Key was used for a different request");
    }
    // Also when replayed: if the first request died between recording and enqueueing, this finishes it.
    await enqueueRender(this.options.queue, talk.id, this.options.renderRetry);
    return talk;
  }

  async get(id: string): Promise<TalkRecord> {
    const talk = await this.options.store.talks.get(id);
    if (!talk) throw new NotFoundError(`no talk with id ${JSON.stringify(id)}`);
    return talk;
  }

  list(limit: number, before?: string): Promise<TalkRecord[]> {
    return this.options.store.talks.list({ limit, before });
  }

  /** Deletes the talk and its video; a render still running finds it gone and stops. */
  async delete(id: string): Promise<void> {
    const talk = await this.options.store.talks.delete(id);
    if (!talk) throw new NotFoundError(`no talk with id ${JSON.stringify(id)}`);
    if (talk.resultFile) await rm(join(resultsDir(this.options.mediaDir), talk.resultFile), { force: true });
    await sweepPartialResults(this.options.mediaDir, id);
  }

  private async voiceFor(provider: RequestedVoice | undefined, ssml?: string): Promise<TalkVoice> {
    const synthesizer = await this.options.synthesizer();
    if (!synthesizer) throw new BadInputError("text scripts need a speech provider, and none is available");
    return resolveTalkVoice(synthesizer, provider, ssml);
  }
}
