import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { channelOf } from "../conversation-sessions.js";
import type { HubEvent } from "../event-hub.js";
import type { ServerContext } from "../server-context.js";
import { parse } from "../validate.js";

const params = z.object({ id: z.string().min(1).max(64) });
const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events of one conversation: states, recorded turns and the reply's parts as they stream. Resumable:
 * a reconnecting browser sends Last-Event-ID and gets what it missed.
 */
export function eventRoutes({ app, hub }: ServerContext) {
  return async (server: FastifyInstance) => {
    const open = new Set<() => void>();
    // Streams never end by themselves: close them before the server waits for its connections to finish.
    server.addHook("preClose", async () => {
      for (const close of open) close();
    });
    server.get("/api/conversations/:id/events", async (request, reply) => {
      const { id } = parse(params, request.params, "id");
      await app.store.conversations.require(id);
      const lastHeader = request.headers["last-event-id"];
      const lastEventId =
        typeof lastHeader === "string" && /^\d+$/.test(lastHeader) ? Number(lastHeader) : undefined;
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      response.write("retry: 1000\n\n");
      const send = (event: HubEvent) => {
        response.write(`id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
      };
      const unsubscribe = hub.subscribe(channelOf(id), send, lastEventId);
      const heartbeat = setInterval(() => response.write(": keep-alive\n\n"), HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(close);
        response.end();
      };
      open.add(close);
      request.raw.on("close", close);
    });
  };
}
