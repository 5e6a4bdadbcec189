import type { FastifyInstance } from "fastify";
import type { TalkRecord } from "../../store/talk-records.js";
import { talkObject } from "../../talks/talk-object.js";
import type { TalkRuntime } from "../../talks/talk-runtime.js";
import type { EventHub, HubEvent } from "../event-hub.js";
import { eventStreams } from "../event-streams.js";
import { idParams } from "../id-patterns.js";
import { parse } from "../validate.js";

export const talkChannel = (talkId: string) => `talk:${talkId}`;

const params = idParams;
/**
 * Talks rendered by workers in other processes change only in the database (status, and progress in 10% steps): an
 * open stream reads it this often.
 */
const POLL_MS = 1000;
const FINAL = new Set(["done", "error", "rejected"]);

/**
 * A talk's status and render progress for the page, by server-sent events (`event: talk`, data the talk object plus
 * `progress` 0..1 while rendering). The stream starts with the current state and ends after a final status.
 */
export function talkEventRoutes({ service }: TalkRuntime, hub: EventHub, pollMs = POLL_MS) {
  return async (server: FastifyInstance) => {
    const streams = eventStreams(server);
    server.get("/api/talks/:id/events", async (request, reply) => {
      const { id } = parse(params, request.params, "id");
      const current = await service.get(id);
      const stream = streams.open(request, reply);
      let lastStatus = "";
      let lastProgress = -1;
      const send = (data: Record<string, unknown>) => {
        stream.send("talk", JSON.stringify(data));
        if (data.status !== lastStatus) lastProgress = -1;
        lastStatus = String(data.status);
        if (typeof data.progress === "number") lastProgress = data.progress;
        if (FINAL.has(lastStatus)) stream.close();
      };
      // From the database: the status, and while rendering the progress recorded by whichever worker renders it.
      const sendRecord = (talk: TalkRecord) =>
        send({ ...talkObject(talk), ...(talk.status === "started" && { progress: talk.progress ?? 0 }) });
      stream.onClose(
        hub.subscribe(talkChannel(id), (event: HubEvent) => send(event.data as Record<string, unknown>)),
      );
      const poll = setInterval(() => {
        void service.get(id).then(
          (talk) => {
            const ahead = talk.status === "started" && (talk.progress ?? 0) > lastProgress;
            if (talk.status !== lastStatus || ahead) sendRecord(talk);
          },
          () => stream.close(),
        );
      }, pollMs);
      stream.onClose(() => clearInterval(poll));
      sendRecord(current);
    });
  };
}
