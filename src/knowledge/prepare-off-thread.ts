import { AitwinError, BadInputError, type ErrorKind } from "../core/errors.js";
import type { KnowledgeDocument } from "../core/knowledge.js";
import { startWorker } from "../system/worker-thread.js";
import { ChatNameNeededError } from "./chat-export.js";
import { type ImportOptions, MAX_DOCUMENT_BYTES, type PreparedDocument } from "./document-import.js";
import type { DocumentJob, DocumentJobResult } from "./document-worker.js";

/** At most this many documents are read at once; more wait their turn (each reader may take a core and 1 GB). */
export const MAX_CONCURRENT_READERS = 2;
let reading = 0;
const waiting: (() => void)[] = [];

/**
 * `prepareDocument` on a worker thread, so that reading a large PDF or .docx never holds the server's event loop. The
 * same errors as `prepareDocument` (BadInputError, ChatNameNeededError with the names); the bytes are copied over.
 */
export async function prepareDocumentOffThread(
  bytes: Uint8Array,
  name: string,
  options: ImportOptions = {},
): Promise<PreparedDocument> {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new BadInputError(`${name} is larger than the ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB limit`);
  }
  if (reading >= MAX_CONCURRENT_READERS) await new Promise<void>((resolve) => waiting.push(resolve));
  reading++;
  try {
    return await readOnWorker({ bytes, name, options });
  } finally {
    reading--;
    waiting.shift()?.();
  }
}

function readOnWorker(job: DocumentJob): Promise<PreparedDocument> {
  const { name } = job;
  return new Promise((resolve, reject) => {
    const worker = startWorker(import.meta.url, "document-worker", {
      workerData: job,
      // A document's text is a few MB; a zip or PDF bomb fails here instead of taking the server's memory.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    let settled = false;
    worker.once("message", (result: DocumentJobResult) => {
      settled = true;
      if (result.ok)
        resolve({ name, kind: result.kind as KnowledgeDocument["kind"], passages: result.passages });
      else reject(rebuilt(result, name));
    });
    worker.once("error", (error) => {
      settled = true;
      // Over the memory limit: a bomb or a monster, either way a file we will not read, not our failure.
      const tooBig = (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
      reject(tooBig ? new BadInputError(`${name} needs too much memory to read`, { cause: error }) : error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the document reader for ${name} stopped (exit code ${code})`));
    });
  });
}

function rebuilt(result: Extract<DocumentJobResult, { ok: false }>, name: string): Error {
  if (result.names) return new ChatNameNeededError(name, result.names);
  if (result.errorKind === "bad-input") return new BadInputError(result.message);
  if (result.errorKind) return new AitwinError(result.errorKind as ErrorKind, result.message);
  return new Error(result.message);
}
