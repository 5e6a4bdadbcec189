import { open } from "node:fs/promises";
import { basename } from "node:path";
import { BadInputError } from "../core/errors.js";
import type { KnowledgeDocument } from "../core/knowledge.js";
import { ownMessages } from "./chat-export.js";
import { sniffFormat } from "./document-format.js";
import { docxText } from "./docx-text.js";
import { markdownText } from "./markdown-text.js";
import { packPassages, splitPassages } from "./passage-splitter.js";
import { pdfText } from "./pdf-text.js";
import { decodeText } from "./plain-text.js";

/** The largest file accepted: refused before it is read past this. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

export interface ImportOptions {
  /** For a chat export: the person's own name in it; only their lines are kept. */
  me?: string;
}

/** A document read and split, ready for `store.knowledge.addDocument`. */
export interface PreparedDocument {
  name: string;
  kind: KnowledgeDocument["kind"];
  passages: string[];
}

/**
 * Reads a document of any supported format (sniffed from its content; the name's extension only tells Markdown from
 * plain text) into passages. One BadInputError naming the file for every kind of bad input: empty, too large,
 * binary, encrypted, unknown format, a chat export without the person's lines.
 */
export async function prepareDocument(
  bytes: Uint8Array,
  name: string,
  options: ImportOptions = {},
): Promise<PreparedDocument> {
  if (bytes.length > MAX_DOCUMENT_BYTES) throw tooLarge(name);
  const kind = sniffFormat(bytes, name);
  const passages = await passagesOf(kind, bytes, name, options);
  if (passages.length === 0) throw new BadInputError(`${name} is empty: there is no text to import`);
  return { name, kind, passages };
}

async function passagesOf(
  kind: KnowledgeDocument["kind"],
  bytes: Uint8Array,
  name: string,
  options: ImportOptions,
): Promise<string[]> {
  switch (kind) {
    case "pdf":
      return splitPassages(await pdfText(bytes, name));
    case "docx":
      return splitPassages(docxText(bytes, name));
    case "markdown":
      return splitPassages(markdownText(decodeText(bytes, name)));
    case "chat":
      return packPassages(ownMessages(decodeText(bytes, name), name, options.me).map(asSentence));
    case "text":
      return splitPassages(decodeText(bytes, name));
  }
}

/** Chat messages rarely end with a full stop; one is added so each reads as a sentence of its own. */
function asSentence(message: string): string {
  const flat = message.replace(/\s+/g, " ").trim();
  return /[.!?…]["')\]”’]*$/.test(flat) ? flat : `${flat}.`;
}

/** A file's bytes, refusing one over MAX_DOCUMENT_BYTES from its size before reading any of it. */
export async function readDocumentFile(path: string): Promise<{ name: string; bytes: Uint8Array }> {
  const name = basename(path);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new BadInputError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`, {
      cause: error,
    });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new BadInputError(`${path} is not a file`);
    if (info.size > MAX_DOCUMENT_BYTES) throw tooLarge(name);
    // Read at most one byte past the cap, in case the file grew since stat.
    const buffer = Buffer.alloc(Math.min(info.size, MAX_DOCUMENT_BYTES) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_DOCUMENT_BYTES) throw tooLarge(name);
    return { name, bytes: buffer.subarray(0, length) };
  } finally {
    await handle.close();
  }
}

function tooLarge(name: string): BadInputError {
  return new BadInputError(`${name} is larger than the ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB limit`);
}
