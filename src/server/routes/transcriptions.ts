import type { FastifyInstance } from "fastify";
import { sniffAudio } from "../../audio-input/audio-format.js";
import { decodeAudio } from "../../audio-input/decode-audio.js";
import { BadInputError, NotFoundError } from "../../core/errors.js";
import type { ServerContext } from "../server-context.js";
import { TranscriptionStreams } from "../transcription-streams.js";
import { transcriptionStreamRoutes } from "./transcription-streams.js";

/** A spoken turn is seconds long; a minute of Opus is well under this. */
export const MAX_AUDIO_UPLOAD_BYTES = 8 * 1024 * 1024;
const MAX_AUDIO_MS = 60_000;

/**
 * Speech-to-text for the page's microphone where the browser has no (offline) recogniser: the recorded audio is
 * the raw request body (`audio/webm`, `audio/ogg`, `audio/wav`, …), the answer is the transcript.
 */
export function transcriptionRoutes({ app }: ServerContext) {
  const active = () => app.transcriber();
  return async (server: FastifyInstance) => {
    server.addContentTypeParser(
      /^(audio\/|video\/webm|video\/ogg|application\/octet-stream)/,
      { parseAs: "buffer", bodyLimit: MAX_AUDIO_UPLOAD_BYTES },
      (_request, body, done) => done(null, body),
    );
    transcriptionStreamRoutes(server, active, new TranscriptionStreams());
    server.get("/api/transcriptions", async () => {
      const found = await active();
      return { available: found !== undefined, provider: found?.provider ?? null };
    });
    server.post(
      "/api/transcriptions",
      // Recognition costs seconds of CPU: a tighter limit than the API's reads.
      { config: { rateLimit: { max: 30, timeWindow: "1 minute" } } },
      async (request) => {
        const found = await active();
        if (!found) throw new NotFoundError("no speech-to-text provider is available on this server");
        if (!Buffer.isBuffer(request.body)) {
          throw new BadInputError("send the recording as the request body with an audio/* content-type");
        }
        const bytes = request.body;
        if (bytes.length === 0) throw new BadInputError("the recording is empty");
        const format = sniffAudio(bytes);
        if (!format)
          throw new BadInputError("the upload is not audio (expected WebM, Ogg, WAV, MP3, FLAC or MP4)");
        const clip = await decodeAudio({ data: bytes }, { maxDurationMs: MAX_AUDIO_MS });
        const transcript = await found.transcribe(clip, { language: "en" });
        return {
          text: transcript.text,
          durationMs: Math.round(transcript.durationMs),
          provider: found.provider,
        };
      },
    );
  };
}
