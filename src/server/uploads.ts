import type { MultipartFile } from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import { AitwinError, BadInputError } from "../core/errors.js";

/** This server as the client reached it, for URLs in responses when PUBLIC_URL is not set. */
export function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** The one file of a multipart upload, from the named field; a 400 naming the field otherwise. */
export async function uploadedFile(request: FastifyRequest, field: string): Promise<Buffer> {
  const file = await multipartFile(
    request,
    field,
    `send multipart/form-data with the file in a field named "${field}"`,
  );
  if (file?.fieldname !== field) throw new BadInputError(`"${field}" is required`);
  return multipartBytes(file);
}

/**
 * The first file of a multipart request. A body that is not well-formed multipart (no boundary, cut short, bad
 * headers) is the client's mistake: a 400, never the parser's exception as a 500.
 */
export async function multipartFile(
  request: FastifyRequest,
  field: string,
  notMultipart: string,
): Promise<MultipartFile | undefined> {
  if (!request.isMultipart()) throw new BadInputError(notMultipart);
  try {
    return await request.file();
  } catch (error) {
    throw asUploadError(error, field);
  }
}

/** A file's bytes; a body cut short while reading it is a 400 too. */
export async function multipartBytes(file: MultipartFile): Promise<Buffer> {
  try {
    return await file.toBuffer();
  } catch (error) {
    throw asUploadError(error, file.fieldname);
  }
}

/** Our errors and the plugin's own 4xx (limits, 413) pass; anything else the parser threw becomes a 400. */
export function asUploadError(error: unknown, field: string): unknown {
  if (error instanceof AitwinError) return error;
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) return error;
  return new BadInputError(
    `the upload is not well-formed multipart/form-data (expected a file in "${field}")`,
  );
}

/**
 * Refuses an upload over its cap with 413 (`what` names it: "the photo", "the file") and returns undefined. The rest
 * of the body is not read: closing the connection stops the client from sending it.
 */
export async function refuseTooLarge(
  reply: FastifyReply,
  what: string,
  limitBytes: number,
): Promise<undefined> {
  await reply
    .status(413)
    .header("connection", "close")
    .send({ error: `${what} is larger than the ${limitBytes / 1024 / 1024} MB limit` });
  return undefined;
}
