import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { DidWebhooks } from "../../providers/d-id/did-webhooks.js";
import { parse } from "../validate.js";

const params = z.object({ waitId: z.string().min(1).max(100) });
const query = z.object({ token: z.string().max(200).optional() });

/**
 * Where D-ID calls back when a talk we asked for is done. D-ID signs nothing and cannot send our API key: the
 * per-talk token in the URL authenticates the call, and the talk's status is always confirmed with D-ID itself.
 * `didWebhooks` is the server's registry (`ServerOptions.didWebhooks`), where D-ID renderers given it wait.
 */
export const didWebhookRoutes = (didWebhooks: DidWebhooks) => async (server: FastifyInstance) => {
  // Renderers registering here need not start their own listener.
  didWebhooks.mounted = true;
  server.addHook("onClose", async () => {
    didWebhooks.mounted = false;
  });
  server.post("/webhooks/d-id/:waitId", async (request, reply) => {
    const { waitId } = parse(params, request.params, "waitId");
    const { token } = parse(query, request.query, "token");
    const answer = await didWebhooks.handle({ waitId, token, body: request.body });
    return reply.status(answer.status).send(answer.body);
  });
};
