import { parentPort, workerData } from "node:worker_threads";
import { AitwinError } from "../core/errors.js";
import { ChatNameNeededError } from "./chat-export.js";
import { type ImportOptions, prepareDocument } from "./document-import.js";

/** What `prepare-off-thread.ts` sends: the file and how to read it. */
export interface DocumentJob {
  bytes: Uint8Array;
  name: string;
  options: ImportOptions;
}

/** What comes back: the passages, or our error's kind and message (and the names, when a chat export needs one). */
export type DocumentJobResult =
  | { ok: true; kind: string; passages: string[] }
  | { ok: false; errorKind?: string; message: string; names?: string[] };

const job = workerData as DocumentJob;
let result: DocumentJobResult;
try {
  const prepared = await prepareDocument(job.bytes, job.name, job.options);
  result = { ok: true, kind: prepared.kind, passages: prepared.passages };
} catch (error) {
  result = {
    ok: false,
    errorKind: error instanceof AitwinError ? error.kind : undefined,
    message: error instanceof Error ? error.message : String(error),
    names: error instanceof ChatNameNeededError ? error.names : undefined,
  };
}
parentPort?.postMessage(result);
