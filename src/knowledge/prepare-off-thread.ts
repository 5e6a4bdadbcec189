import { Worker } from "node:worker_threads";
import { AitwinError, BadInputError, type ErrorKind } from "../core/errors.js";
import type { KnowledgeDocument } from "../core/knowledge.js";
import { ChatNameNeededError } from "./chat-export.js";
import { type ImportOptions, MAX_DOCUMENT_BYTES, type PreparedDocument } from "./document-import.js";
import type { DocumentJob, DocumentJobResult } from "./document-worker.js";

// From the sources (tsx, vitest) the worker is TypeScript and needs tsx's loader; from dist it is plain JavaScript.
const fromSource = import.meta.url.endsWith(".ts");
const workerFile = new URL(fromSource ? "./document-worker.ts" : "./document-worker.js", import.meta.url);

/**
 * `prepareDocument` on a worker thread, so that reading a large PDF or .docx never holds the server's event loop. The
 * same errors as `prepareDocument` (BadInputError, ChatNameNeededError with the names); the bytes are handed over.
 */
export function prepareDocumentOffThread(
  bytes: Uint8Array,
  name: string,
  options: ImportOptions = {},
): Promise<PreparedDocument> {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    return Promise.reject(
      new BadInputError(`${name} is larger than the ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB limit`),
    );
  }
  const job: DocumentJob = { bytes, name, options };
  return new Promise((resolve, reject) => {
    // A worker does not inherit the main thread's loaders: from the sources it registers tsx itself, then loads.
    const entry = fromSource
      ? `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(workerFile.href)}); });`
      : workerFile;
    const worker = new Worker(entry, {
      eval: fromSource,
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
      reject(error);
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
