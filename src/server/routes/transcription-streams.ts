import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { pcmToSamples } from "../../audio-input/pcm.js";
import { BadInputError, NotFoundError } from "../../core/errors.js";
import { STREAM_SAMPLE_RATE, type Transcriber } from "../../core/transcriber.js";
import { MAX_WORDS_WAIT_MS, type TranscriptionStreams } from "../transcription-streams.js";
import { parse } from "../validate.js";

/** A chunk is a fraction of a second of 16-bit samples; 8 s at most. */
const MAX_CHUNK_BYTES = 8 * STREAM_SAMPLE_RATE * 2;
const params = z.object({ id: z.string().regex(/^stt_[0-9a-f]{24}$/, "not a speech stream id") });
const chunkQuery = z.object({ chunk: z.coerce.number().int().min(0).max(100_000) });
const wordsQuery = z.object({
  since: z.coerce.number().int().min(0).optional(),
  wait: z.coerce.number().int().min(0).max(MAX_WORDS_WAIT_MS).default(2000),
});

/**
 * Speech streamed while it is spoken, so the recogniser works as the person talks:
 * `POST /api/transcriptions/streams/prepare` loads a recogniser ahead (the page asks when Talk is pressed, so the
 * first question's words do not wait for a model to load), `POST /api/transcriptions/streams` opens one,
 * `POST …/:id/audio?chunk=N` sends chunk N (raw 16 kHz mono 16-bit little-endian samples, `audio/l16`),
 * `GET …/:id/words` tells the words so far (with `?since=VERSION&wait=MS`, it is held until they are newer than that
 * version, so they reach the page as soon as they are heard), `POST …/:id/end` answers with the transcript,
 * `DELETE …/:id` drops it.
 * Registered inside the transcriptions plugin, whose content-type parser takes the raw audio bodies.
 */
export function transcriptionStreamRoutes(
  server: FastifyInstance,
  active: () => Promise<Transcriber | undefined>,
  streams: TranscriptionStreams,
): void {
  server.addHook("onClose", async () => streams.close());
  server.post("/api/transcriptions/streams/prepare", async (_request, reply) => {
    const transcriber = await active();
    if (!transcriber) throw new NotFoundError("no speech-to-text provider is available on this server");
    transcriber.prepareStream?.();
    return reply.status(202).send({ provider: transcriber.provider });
  });
  server.post("/api/transcriptions/streams", async (_request, reply) => {
    const transcriber = await active();
    if (!transcriber) throw new NotFoundError("no speech-to-text provider is available on this server");
    const id = streams.open(transcriber, { language: "en" });
    return reply.status(201).send({ id, sampleRate: STREAM_SAMPLE_RATE, provider: transcriber.provider });
  });
  server.post(
    "/api/transcriptions/streams/:id/audio",
    { bodyLimit: MAX_CHUNK_BYTES, config: { rateLimit: { max: 1200, timeWindow: "1 minute" } } },
    async (request, reply) => {
      const { id } = parse(params, request.params, "id");
      const { chunk } = parse(chunkQuery, request.query, "chunk");
      if (!Buffer.isBuffer(request.body)) {
        throw new BadInputError("send the samples as the request body with content-type audio/l16");
      }
      if (request.body.length % 2 !== 0)
        throw new BadInputError("16-bit samples come in whole pairs of bytes");
      streams.append(id, chunk, pcmToSamples(request.body));
      return reply.status(204).send();
    },
  );
  // The words so far, for captions while the person speaks and for the end-of-turn rules.
  server.get(
    "/api/transcriptions/streams/:id/words",
    { config: { rateLimit: { max: 1200, timeWindow: "1 minute" } } },
    async (request) => {
      const { id } = parse(params, request.params, "id");
      const { since, wait } = parse(wordsQuery, request.query, "query");
      return since === undefined ? streams.heardSoFar(id) : streams.heardAfter(id, since, wait);
    },
  );
  server.post("/api/transcriptions/streams/:id/end", async (request) => {
    const { id } = parse(params, request.params, "id");
    const transcriber = await active();
    const transcript = await streams.finish(id);
    return {
      text: transcript.text,
      durationMs: Math.round(transcript.durationMs),
      provider: transcriber?.provider ?? null,
    };
  });
  server.delete("/api/transcriptions/streams/:id", async (request, reply) => {
    const { id } = parse(params, request.params, "id");
    if (!streams.cancel(id))
      throw new NotFoundError("no such speech stream (finished, cancelled, or idle too long)");
    return reply.status(204).send();
  });
}
