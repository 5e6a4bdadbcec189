import type { FastifyInstance } from "fastify";
import { cloneTwinVoice, tuneTwinVoice } from "../../app/twin-voice.js";
import { BadInputError } from "../../core/errors.js";
import { idParams } from "../id-patterns.js";
import type { ServerContext } from "../server-context.js";
import { parse } from "../validate.js";

/** Three minutes of uncompressed 48 kHz mono is 17 MB; a compressed recording is far less. */
export const MAX_VOICE_SAMPLE_BYTES = 24 * 1024 * 1024;

/** The voices of the active speech provider, for the voice picker; and a twin's voice tuned to a sample. */
export function voiceRoutes({ app, sessions }: ServerContext) {
  return async (server: FastifyInstance) => {
    server.addContentTypeParser(
      /^(audio\/|video\/webm|video\/ogg|application\/octet-stream)/,
      { parseAs: "buffer", bodyLimit: MAX_VOICE_SAMPLE_BYTES },
      (_request, body, done) => done(null, body),
    );
    server.get("/api/voices", async () => {
      const synthesizer = await app.synthesizer();
      return {
        provider: synthesizer?.provider ?? null,
        voices: synthesizer ? await synthesizer.voices() : [],
      };
    });
    /**
     * The recording is the raw body (`audio/wav`, `audio/webm`, …). Tuning takes a few seconds of one core, on a
     * worker thread; the twin keeps the tuned voice and every open conversation picks it up. `?clone=elevenlabs`
     * clones the voice with ElevenLabs instead.
     */
    server.post(
      "/api/twins/:id/voice/sample",
      { config: { rateLimit: { max: 12, timeWindow: "1 minute" } } },
      async (request) => {
        const { id } = parse(idParams, request.params, "id");
        await app.store.twins.require(id);
        if (!Buffer.isBuffer(request.body)) {
          throw new BadInputError("send the recording as the request body with an audio/* content-type");
        }
        if (request.body.length === 0) throw new BadInputError("voice sample: the recording is empty");
        const sample = { data: request.body };
        if ((request.query as { clone?: string }).clone === "elevenlabs") {
          // The client asked for what this server cannot do: a 400 naming the setting, not a server fault.
          if (!app.config.elevenlabs?.apiKey) {
            throw new BadInputError(
              "cloning a voice needs ElevenLabs: this server has no ELEVENLABS_API_KEY",
            );
          }
          const cloned = await cloneTwinVoice(app, id, sample);
          sessions.forgetTwin(id);
          return { twin: cloned.twin, voice: cloned.voice, before: cloned.before ?? null };
        }
        const result = await tuneTwinVoice(app, id, sample, { offThread: true });
        sessions.forgetTwin(id);
        return {
          twin: result.twin,
          voice: result.voice,
          base: result.base,
          before: result.before ?? null,
          sample: result.sample,
          tuned: result.tuned,
        };
      },
    );
  };
}
