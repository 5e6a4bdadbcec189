import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { MAX_MESSAGE_LENGTH } from "../../pipeline/conversation-engine.js";
import { idParams, recordId } from "../id-patterns.js";
import type { ServerContext } from "../server-context.js";
import { parse } from "../validate.js";

const twinParams = idParams;
const conversationParams = idParams;
const newTurn = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, "the message is empty")
      .max(MAX_MESSAGE_LENGTH, `the message is over ${MAX_MESSAGE_LENGTH} characters`),
  })
  .strict();

const earlyParams = z.object({ id: recordId, early: recordId });

/** Conversations and their turns. A new turn is accepted at once; the reply streams on the SSE channel. */
export function conversationRoutes({ app, sessions }: ServerContext) {
  return async (server: FastifyInstance) => {
    server.get("/api/twins/:id/conversations", async (request) => {
      const { id } = parse(twinParams, request.params, "id");
      await app.store.twins.require(id);
      return { conversations: await app.store.conversations.list(id) };
    });
    server.post("/api/twins/:id/conversations", async (request, reply) => {
      const { id } = parse(twinParams, request.params, "id");
      return reply.status(201).send(await app.store.conversations.create(id));
    });
    server.get("/api/conversations/:id", async (request) => {
      const { id } = parse(conversationParams, request.params, "id");
      const conversation = await app.store.conversations.require(id);
      return { ...conversation, turns: await app.store.conversations.turns(id) };
    });
    server.post("/api/conversations/:id/turns", async (request, reply) => {
      const { id } = parse(conversationParams, request.params, "id");
      const { text } = parse(newTurn, request.body);
      return reply.status(202).send(await sessions.send(id, text));
    });
    // Start early: a reply begun at the person's first pause, kept (POST) if they said no more, else thrown away.
    server.post("/api/conversations/:id/early-turns", async (request, reply) => {
      const { id } = parse(conversationParams, request.params, "id");
      const { text } = parse(newTurn, request.body);
      return reply.status(202).send(await sessions.prepare(id, text));
    });
    server.post("/api/conversations/:id/early-turns/:early", async (request, reply) => {
      const { id, early } = parse(earlyParams, request.params, "id");
      const { text } = parse(newTurn, request.body);
      return reply.status(202).send(await sessions.keep(id, early, text));
    });
    server.delete("/api/conversations/:id/early-turns/:early", async (request, reply) => {
      const { id, early } = parse(earlyParams, request.params, "id");
      await sessions.discard(id, early);
      return reply.status(204).send();
    });
    server.post("/api/conversations/:id/interrupt", async (request, reply) => {
      const { id } = parse(conversationParams, request.params, "id");
      await sessions.interrupt(id);
      return reply.status(204).send();
    });
  };
}
