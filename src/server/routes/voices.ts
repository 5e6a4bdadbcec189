import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../server-context.js";

/** The voices of the active speech provider, for the voice picker. */
export function voiceRoutes({ app }: ServerContext) {
  return async (server: FastifyInstance) => {
    server.get("/api/voices", async () => {
      const synthesizer = await app.synthesizer();
      return {
        provider: synthesizer?.provider ?? null,
        voices: synthesizer ? await synthesizer.voices() : [],
      };
    });
  };
}
