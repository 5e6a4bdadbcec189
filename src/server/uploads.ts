import type { FastifyRequest } from "fastify";
import { BadInputError } from "../core/errors.js";

/** This server as the client reached it, for URLs in responses when PUBLIC_URL is not set. */
export function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** The one file of a multipart upload, from the named field; a 400 naming the field otherwise. */
export async function uploadedFile(request: FastifyRequest, field: string): Promise<Buffer> {
  if (!request.isMultipart())
    throw new BadInputError(`send multipart/form-data with the file in a field named "${field}"`);
  const file = await request.file();
  if (file?.fieldname !== field) throw new BadInputError(`"${field}" is required`);
  return file.toBuffer();
}
