import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { encodeWav } from "../../voice/wav.js";
import { idParams } from "../id-patterns.js";
import type { ServerContext } from "../server-context.js";
import { parse } from "../validate.js";

/** A line to say, not a conversation: the page's greeting and voice previews stay short. */
const MAX_SPEECH = 400;
const body = z
  .object({
    text: z.string().trim().min(1, "must not be empty").max(MAX_SPEECH, `at most ${MAX_SPEECH} characters`),
    /** A voice to try before choosing it; the twin's own voice when absent. */
    voice: z
      .string()
      .regex(/^[\w:.,=-]{1,100}$/, "not a voice id")
      .optional(),
  })
  .strict();

/**
 * `POST /api/twins/:id/speech` says a line in the twin's voice (or a voice to preview) without recording a turn:
 * the page's greeting and the voice picker's preview, in the server's voice (its speech thread when it has one).
 * `{speech: null}` when no synthesizer is configured.
 */
export function speechRoutes({ app, speech }: ServerContext) {
  return async (server: FastifyInstance) => {
    server.post("/api/twins/:id/speech", async (request) => {
      const { id } = parse(idParams, request.params, "id");
      const { text, voice } = parse(body, request.body);
      const twin = await app.store.twins.require(id);
      const synthesizer = await speech();
      if (!synthesizer) return { speech: null };
      const spoken = await synthesizer.synthesize({
        text,
        voice: voice ?? twin.voice.id,
        rate: twin.voice.rate,
      });
      return {
        speech: { wav: Buffer.from(encodeWav(spoken.audio)).toString("base64"), timeline: spoken.timeline },
      };
    });
  };
}
