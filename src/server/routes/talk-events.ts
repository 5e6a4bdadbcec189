import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { talkObject } from "../../talks/talk-object.js";
import type { TalkRuntime } from "../../talks/talk-runtime.js";
import type { EventHub, HubEvent } from "../event-hub.js";
import { parse } from "../validate.js";

export const talkChannel = (talkId: string) => `talk:${talkId}`;

const params = z.object({ id: z.string().min(1).max(64) });
const HEARTBEAT_MS = 15_000;
/** Talks rendered by workers in other processes change only in the database: it is read this often. */
const POLL_MS = 1000;
const FINAL = new Set(["done", "error", "rejected"]);

/**
 * A talk's status and render progress for the page, by server-sent events (`event: talk`, data the talk object plus
 * `progress` 0..1 while rendering). The stream starts with the current state and ends after a final status.
 */
export function talkEventRoutes({ service }: TalkRuntime, hub: EventHub) {
  return async (server: FastifyInstance) => {
    const open = new Set<() => void>();
    server.addHook("preClose", async () => {
      for (const close of open) close();
    });
    server.get("/api/talks/:id/events", async (request, reply) => {
      const { id } = parse(params, request.params, "id");
      const current = await service.get(id);
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      let lastStatus = "";
      let ended = false;
      const send = (data: Record<string, unknown>) => {
        if (ended) return;
        response.write(`event: talk\ndata: ${JSON.stringify(data)}\n\n`);
        lastStatus = String(data.status);
        if (FINAL.has(lastStatus)) close();
      };
      const unsubscribe = hub.subscribe(talkChannel(id), (event: HubEvent) =>
        send(event.data as Record<string, unknown>),
      );
      const poll = setInterval(() => {
        void service.get(id).then(
          (talk) => talk.status !== lastStatus && send(talkObject(talk)),
          () => close(),
        );
      }, POLL_MS);
      const heartbeat = setInterval(() => response.write(": keep-alive\n\n"), HEARTBEAT_MS);
      function close() {
        if (ended) return;
        ended = true;
        clearInterval(poll);
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(close);
        response.end();
      }
      open.add(close);
      request.raw.on("close", close);
      send(talkObject(current));
    });
  };
}
