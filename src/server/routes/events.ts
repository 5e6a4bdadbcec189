import type { FastifyInstance } from "fastify";
import { channelOf } from "../conversation-sessions.js";
import type { HubEvent } from "../event-hub.js";
import { eventStreams } from "../event-streams.js";
import { idParams } from "../id-patterns.js";
import type { ServerContext } from "../server-context.js";
import { parse } from "../validate.js";

const params = idParams;

/**
 * Server-sent events of one conversation: states, recorded turns and the reply's parts as they stream. Resumable:
 * a reconnecting browser sends Last-Event-ID and gets what it missed.
 */
export function eventRoutes({ app, hub }: ServerContext) {
  return async (server: FastifyInstance) => {
    const streams = eventStreams(server);
    server.get("/api/conversations/:id/events", async (request, reply) => {
      const { id } = parse(params, request.params, "id");
      await app.store.conversations.require(id);
      const lastHeader = request.headers["last-event-id"];
      const lastEventId =
        typeof lastHeader === "string" && /^\d+$/.test(lastHeader) ? Number(lastHeader) : undefined;
      const stream = streams.open(request, reply);
      const send = (event: HubEvent) => stream.send(event.event, event.json, event.id);
      stream.onClose(hub.subscribe(channelOf(id), send, lastEventId));
    });
  };
}
