import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { talkObject } from "../../talks/talk-object.js";
import { openTalkRuntime, type TalkRuntime, type TalkRuntimeOptions } from "../../talks/talk-runtime.js";
import { installDidErrorHandler } from "../did-errors.js";
import { idParams } from "../id-patterns.js";
import { textScrubber } from "../safe-text.js";
import type { ServerContext } from "../server-context.js";
import { origin } from "../uploads.js";
import { parse } from "../validate.js";
import { audioRoutes } from "./audios.js";
import { imageRoutes } from "./images.js";
import { talkChannel, talkEventRoutes } from "./talk-events.js";
import { talkResultRoutes } from "./talk-results.js";

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(100),
  token: z.string().max(64).optional(),
});
const idempotencyKey = z.string().min(1).max(255);

export interface TalksApiOptions extends TalkRuntimeOptions {
  /** Render in this server's process (default: yes with the embedded queue, no with BullMQ's separate workers). */
  inProcessWorker?: boolean;
  /** How often a talk's event stream reads the database for news from workers elsewhere (default 1000 ms). */
  statusPollMs?: number;
}

/**
 * The D-ID-compatible talks API: images, audios, talks and their results, with D-ID's auth and error bodies; plus
 * the page's SSE for a talk. Rendering runs through the job queue, in this process or in `aitwin worker`s.
 */
export function talksApi(context: ServerContext, options: TalksApiOptions = {}) {
  return async (server: FastifyInstance) => {
    const { app, hub } = context;
    const runtime = await openTalkRuntime(app, {
      ...options,
      liveTurns: context.sessions.liveTurns,
      publish: (talk, progress) => {
        hub.publish(talkChannel(talk.id), "talk", {
          ...talkObject(talk),
          ...(progress !== undefined && { progress }),
        });
        options.publish?.(talk, progress);
      },
    });
    const worker = (options.inProcessWorker ?? !app.config.redisUrl) ? runtime.work() : undefined;
    server.addHook("onClose", async () => {
      await worker?.stop();
      await runtime.close();
    });
    installDidErrorHandler(server, textScrubber(app.config));
    await server.register(multipart, {
      limits: { fileSize: 25 * 1024 * 1024, files: 1, fields: 4, parts: 5 },
    });
    await server.register(imageRoutes(app.config.mediaDir));
    await server.register(audioRoutes(app.config.mediaDir));
    await server.register(talkResultRoutes(runtime, app.config.mediaDir));
    await server.register(talkEventRoutes(runtime, hub, options.statusPollMs));
    await server.register(talkRoutes(runtime));
  };
}

function talkRoutes({ service }: TalkRuntime) {
  return async (server: FastifyInstance) => {
    server.post("/talks", async (request, reply) => {
      const header = request.headers["idempotency-key"];
      const key = header === undefined ? undefined : parse(idempotencyKey, header, "Idempotency-Key");
      const talk = await service.create(request.body, { origin: origin(request), idempotencyKey: key });
      return reply.status(201).send({
        id: talk.id,
        object: "talk",
        created_at: talk.createdAt,
        created_by: "aitwin",
        status: talk.status,
      });
    });
    server.get("/talks", async (request) => {
      const { limit, token } = parse(listQuery, request.query, "query");
      const talks = await service.list(limit, token);
      const next = talks.length === limit ? talks.at(-1)?.id : undefined;
      return { talks: talks.map(talkObject), ...(next && { token: next }) };
    });
    server.get("/talks/:id", async (request) => {
      const { id } = parse(idParams, request.params, "id");
      return talkObject(await service.get(id));
    });
    server.delete("/talks/:id", async (request) => {
      const { id } = parse(idParams, request.params, "id");
      await service.delete(id);
      return { deleted: 1 };
    });
  };
}
