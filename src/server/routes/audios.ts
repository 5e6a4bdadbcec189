import type { FastifyInstance } from "fastify";
import { storeAudio } from "../../talks/talk-media.js";
import { origin, uploadedFile } from "../uploads.js";

/**
 * D-ID's `POST /audios`: an audio file for a talk's `script.audio_url`. It must decode (anything ffmpeg reads); it is
 * kept as sent, by content hash, and its url is recognised as local by `POST /talks`.
 */
export function audioRoutes(mediaDir: string) {
  return async (server: FastifyInstance) => {
    server.post("/audios", async (request, reply) => {
      const id = await storeAudio(mediaDir, await uploadedFile(request, "audio"));
      return reply.status(201).send({ id, url: `${origin(request)}/audios/${id}` });
    });
  };
}
