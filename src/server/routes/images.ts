import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { NotFoundError } from "../../core/errors.js";
import { imagePath, storeImage } from "../../talks/talk-media.js";
import { origin, uploadedFile } from "../uploads.js";
import { parse } from "../validate.js";

const imageParams = z.object({
  file: z.string().regex(/^[0-9a-f]{64}\.jpg$/, "not an image of this server"),
});

/**
 * D-ID's `POST /images`: the image is sniffed, capped and re-encoded, and stored by content hash; its `url` is served
 * here and recognised as local when given as a talk's `source_url`. Faces are looked for when a talk is rendered.
 */
export function imageRoutes(mediaDir: string) {
  return async (server: FastifyInstance) => {
    server.post("/images", async (request, reply) => {
      const id = await storeImage(mediaDir, await uploadedFile(request, "image"));
      return reply.status(201).send({ id, url: `${origin(request)}/images/${id}.jpg` });
    });
    server.get("/images/:file", async (request, reply) => {
      const { file } = parse(imageParams, request.params, "image");
      const path = imagePath(mediaDir, file.slice(0, 64));
      const found = await stat(path).catch(() => undefined);
      if (!found?.isFile()) throw new NotFoundError("no such image");
      return reply
        .header("content-type", "image/jpeg")
        .header("content-length", found.size)
        .header("cache-control", "private, max-age=31536000, immutable")
        .send(createReadStream(path));
    });
  };
}
