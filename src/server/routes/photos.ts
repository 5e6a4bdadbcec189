import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { facesOf, importPhoto, loadPhoto } from "../../avatar/node/photo-store.js";
import { BadInputError, NotFoundError } from "../../core/errors.js";
import { idParams, mediaId } from "../id-patterns.js";
import type { ServerContext } from "../server-context.js";
import { asUploadError, multipartFile, refuseTooLarge } from "../uploads.js";
import { parse } from "../validate.js";

/** Phone photos are a few MB; anything past this is refused before the detector sees it. */
export const MAX_PHOTO_UPLOAD_BYTES = 15 * 1024 * 1024;

const twinParams = idParams;
const mediaParams = z.object({ mediaId });
const faceQuery = z.object({ face: z.coerce.number().int().min(0).max(50).optional() });

/**
 * A twin's photo face: upload (sniffed, re-encoded and landmarked by `importPhoto`, the face found on the server's
 * face thread) sets the twin's face at once; the stored photo and its landmarks are served back for the page's live
 * photo face. Media ids are SHA-256 of the content, so responses are immutable.
 */
export function photoRoutes({ app, sessions, detectFace }: ServerContext) {
  return async (server: FastifyInstance) => {
    await server.register(multipart, {
      limits: { fileSize: MAX_PHOTO_UPLOAD_BYTES, files: 1, fields: 4, parts: 5 },
    });
    server.post("/api/twins/:id/photo", async (request, reply) => {
      const { id } = parse(twinParams, request.params, "id");
      await app.store.twins.require(id);
      const bytes = await photoBytes(request, reply);
      if (!bytes) return reply;
      const photo = await importPhoto(app.config.mediaDir, bytes, detectFace);
      const twin = await app.store.twins.update(id, { face: { kind: "photo", mediaId: photo.mediaId } });
      sessions.forgetTwin(id);
      return reply.status(201).send({ twin, photo: { mediaId: photo.mediaId, notes: photo.notes } });
    });
    server.get("/api/media/:mediaId", async (request, reply) => {
      const { mediaId } = parse(mediaParams, request.params, "mediaId");
      const path = join(app.config.mediaDir, `${mediaId}.jpg`);
      const found = await stat(path).catch(() => undefined);
      if (!found?.isFile()) throw new NotFoundError(`no media ${mediaId}`);
      return reply
        .header("content-type", "image/jpeg")
        .header("content-length", found.size)
        .header("cache-control", "private, max-age=31536000, immutable")
        .send(createReadStream(path));
    });
    server.get("/api/media/:mediaId/landmarks", async (request, reply) => {
      const { mediaId } = parse(mediaParams, request.params, "mediaId");
      const { face } = parse(faceQuery, request.query, "face");
      const photo = await loadPhoto(app.config.mediaDir, mediaId, face ?? 0, detectFace);
      return reply.header("cache-control", "private, max-age=31536000, immutable").send(photo.landmarks);
    });
    // The faces of a photo with several, largest first, for the page to offer as boxes to click.
    server.get("/api/media/:mediaId/faces", async (request) => {
      const { mediaId } = parse(mediaParams, request.params, "mediaId");
      const photo = await loadPhoto(app.config.mediaDir, mediaId, 0, detectFace);
      const image = await readFile(photo.imagePath);
      const faces = await facesOf(app.config.mediaDir, mediaId, image, photo.landmarks, detectFace);
      return {
        width: photo.landmarks.imageWidth,
        height: photo.landmarks.imageHeight,
        faces: faces.map((each) => each.box),
      };
    });
  };
}

/** The `photo` file of a multipart upload; replies 413 itself (and returns undefined) when it is over the cap. */
async function photoBytes(request: FastifyRequest, reply: FastifyReply): Promise<Buffer | undefined> {
  const tooLarge = () => refuseTooLarge(reply, "the photo", MAX_PHOTO_UPLOAD_BYTES);
  if (Number(request.headers["content-length"] ?? 0) > MAX_PHOTO_UPLOAD_BYTES + 64 * 1024) return tooLarge();
  const file = await multipartFile(
    request,
    "photo",
    'send the photo as multipart/form-data in a field named "photo"',
  );
  if (file?.fieldname !== "photo") {
    throw new BadInputError('no photo in the upload: send the file in a field named "photo"');
  }
  try {
    const bytes = await file.toBuffer();
    // The plugin does not always throw at the limit: a truncated file is the other sign.
    return file.file.truncated ? tooLarge() : bytes;
  } catch (error) {
    if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") return tooLarge();
    throw asUploadError(error, "photo");
  }
}
