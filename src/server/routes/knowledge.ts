import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { retireSeededPersona } from "../../app/default-twin.js";
import { AitwinError, BadInputError, NotFoundError } from "../../core/errors.js";
import { ChatNameNeededError } from "../../knowledge/chat-export.js";
import { MAX_DOCUMENT_BYTES } from "../../knowledge/document-import.js";
import { prepareDocumentOffThread } from "../../knowledge/prepare-off-thread.js";
import { idParams, recordId } from "../id-patterns.js";
import type { ServerContext } from "../server-context.js";
import { refuseTooLarge } from "../uploads.js";
import { parse } from "../validate.js";

/** A paste is typed or copied text: a few MB at most (files go up as multipart, to 50 MB). */
export const MAX_PASTE_BYTES = 5 * 1024 * 1024;

const params = idParams;
const documentParams = params.extend({ documentId: recordId });
const meQuery = z.object({ me: z.string().trim().max(200).optional() });
const paste = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(200),
    text: z.string().min(1, "must not be empty"),
    me: z.string().trim().max(200).optional(),
  })
  .strict();

/**
 * A twin's imported documents: list, upload a file (multipart field `file`; `me` as a field before it or in the
 * query, for chat exports) or paste text (JSON `{name, text, me?}`), delete. Every bad input is a 4xx with a message.
 */
export function knowledgeRoutes({ app, sessions }: ServerContext) {
  return async (server: FastifyInstance) => {
    await server.register(multipart, {
      limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 1024 },
    });
    server.get("/api/twins/:id/knowledge", async (request) => {
      const { id } = parse(params, request.params, "id");
      await app.store.twins.require(id);
      return { documents: await app.store.knowledge.listDocuments(id) };
    });
    server.post("/api/twins/:id/knowledge", { bodyLimit: MAX_PASTE_BYTES }, async (request, reply) => {
      const { id } = parse(params, request.params, "id");
      await app.store.twins.require(id);
      const upload = request.isMultipart() ? await uploaded(request, reply) : pasted(request);
      if (!upload) return reply;
      try {
        // Read on a worker thread: a large PDF must not hold every other request.
        const prepared = await prepareDocumentOffThread(upload.bytes, upload.name, { me: upload.me });
        const document = await app.store.knowledge.addDocument(id, prepared, prepared.passages);
        const twin = await app.store.twins.require(id);
        // Open conversations pick up the persona without the seeded text, as after any persona change.
        if ((await retireSeededPersona(app.store, twin)) !== twin) sessions.forgetTwin(id);
        return reply.status(201).send({ document });
      } catch (error) {
        if (error instanceof ChatNameNeededError) {
          return reply.status(400).send({
            error: `${upload.name} is a chat export between ${error.names.join(", ")}: say which name is yours`,
            names: error.names,
          });
        }
        throw error;
      }
    });
    server.delete("/api/twins/:id/knowledge/:documentId", async (request, reply) => {
      const { id, documentId } = parse(documentParams, request.params, "id");
      if (!(await app.store.knowledge.removeDocument(id, documentId))) {
        throw new NotFoundError(`twin ${id} has no document ${documentId}`);
      }
      return reply.status(204).send();
    });
  };
}

interface Upload {
  name: string;
  bytes: Uint8Array;
  me?: string;
}

function pasted(request: FastifyRequest): Upload {
  const { name, text, me } = parse(paste, request.body);
  return { name, bytes: new TextEncoder().encode(text), me };
}

/** The multipart `file`; replies 413 itself (and returns undefined) when it is over the cap. */
async function uploaded(request: FastifyRequest, reply: FastifyReply): Promise<Upload | undefined> {
  const tooLarge = () => refuseTooLarge(reply, "the file", MAX_DOCUMENT_BYTES);
  if (Number(request.headers["content-length"] ?? 0) > MAX_DOCUMENT_BYTES + 64 * 1024) return tooLarge();
  try {
    const file = await request.file();
    if (file?.fieldname !== "file") {
      throw new BadInputError('no file in the upload: send it in a multipart field named "file"');
    }
    const bytes = await file.toBuffer();
    // The plugin does not always throw at the limit: a truncated file is the other sign.
    if (file.file.truncated) return tooLarge();
    const field = file.fields.me;
    const me = field && !Array.isArray(field) && field.type === "field" ? String(field.value) : undefined;
    const query = parse(meQuery, request.query, "me");
    return { name: cleanName(file.filename), bytes, me: me ?? query.me };
  } catch (error) {
    if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") return tooLarge();
    throw asClientError(error);
  }
}

/** A browser sends the bare file name; anything path-like is cut to its last part, and a missing one named. */
function cleanName(filename: string | undefined): string {
  const base = (filename ?? "").split(/[\\/]/).pop()?.trim() ?? "";
  return base.slice(0, 200) || "upload";
}

/** Our errors and the plugin's 4xx pass; anything else the multipart parser threw is a malformed body: a 400. */
function asClientError(error: unknown): unknown {
  if (error instanceof AitwinError) return error;
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) return error;
  return new BadInputError('the upload is not well-formed multipart/form-data (expected a file in "file")', {
    cause: error,
  });
}
