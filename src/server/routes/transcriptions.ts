import type { FastifyInstance } from "fastify";
import { decodeAudio } from "../../audio-input/decode-audio.js";
import { BadInputError, NotFoundError } from "../../core/errors.js";
import type { Transcriber } from "../../core/transcriber.js";
import { selectProvider } from "../../providers/select.js";
import type { ServerContext } from "../server-context.js";
import { TranscriptionStreams } from "../transcription-streams.js";
import { transcriptionStreamRoutes } from "./transcription-streams.js";

/** A spoken turn is seconds long; a minute of Opus is well under this. */
export const MAX_AUDIO_UPLOAD_BYTES = 8 * 1024 * 1024;
const MAX_AUDIO_MS = 60_000;

const startsWith = (bytes: Uint8Array, text: string, at = 0) =>
  [...text].every((char, index) => bytes[at + index] === char.charCodeAt(0));

/** The container by magic bytes (never by name or content-type): what browsers record and people upload. */
export function sniffAudio(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, "RIFF") && startsWith(bytes, "WAVE", 8)) return "wav";
  if (startsWith(bytes, "OggS")) return "ogg";
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return "webm";
  if (startsWith(bytes, "ID3") || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return "mp3";
  if (startsWith(bytes, "fLaC")) return "flac";
  if (startsWith(bytes, "ftyp", 4)) return "mp4";
  return undefined;
}

/**
 * Speech-to-text for the page's microphone where the browser has no (offline) recogniser: the recorded audio is
 * the raw request body (`audio/webm`, `audio/ogg`, `audio/wav`, …), the answer is the transcript.
 */
export function transcriptionRoutes({ app }: ServerContext) {
  let transcriber: Promise<Transcriber | undefined> | undefined;
  const active = () => {
    transcriber ??= selectProvider("speech-to-text", app.config).catch(() => undefined);
    return transcriber;
  };
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
