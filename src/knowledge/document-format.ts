import { BadInputError } from "../core/errors.js";
import type { KnowledgeDocument } from "../core/knowledge.js";
import { looksLikeChat } from "./chat-export.js";
import { decodeText } from "./plain-text.js";

const SUPPORTED = "import .txt, .md, .pdf, .docx or a chat export";

/** Containers we recognise but do not read, by their first bytes. */
const OTHER_FORMATS: { name: string; magic: number[] }[] = [
  { name: "a PNG image", magic: [0x89, 0x50, 0x4e, 0x47] },
  { name: "a JPEG image", magic: [0xff, 0xd8, 0xff] },
  { name: "a GIF image", magic: [0x47, 0x49, 0x46, 0x38] },
  { name: "a gzip archive", magic: [0x1f, 0x8b] },
  { name: "a 7-Zip archive", magic: [0x37, 0x7a, 0xbc, 0xaf] },
  { name: "a RAR archive", magic: [0x52, 0x61, 0x72, 0x21] },
  { name: "an RTF document", magic: [0x7b, 0x5c, 0x72, 0x74, 0x66] },
  { name: "a RIFF file (audio or video)", magic: [0x52, 0x49, 0x46, 0x46] },
  { name: "an MP3 file", magic: [0x49, 0x44, 0x33] },
  { name: "a Matroska or WebM video", magic: [0x1a, 0x45, 0xdf, 0xa3] },
  { name: "an ELF program", magic: [0x7f, 0x45, 0x4c, 0x46] },
  { name: "a SQLite database", magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65] },
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Which kind of document the bytes hold, from their content: PDF and .docx by signature, chat exports by their
 * message lines, Markdown by its extension or its syntax, else plain text. BadInputError for empty files, formats we
 * do not read, encrypted Office files and binary data.
 */
export function sniffFormat(bytes: Uint8Array, name: string): KnowledgeDocument["kind"] {
  if (bytes.length === 0) throw new BadInputError(`${name} is empty: there is no text to import`);
  // PDF allows junk before the header within the first kilobyte.
  if (latin1(bytes.subarray(0, 1024)).includes("%PDF-")) return "pdf";
  if (startsWith(bytes, ZIP)) return "docx";
  if (startsWith(bytes, OLE)) {
    // Word and Excel put a password-protected file in an OLE container with an "EncryptedPackage" stream.
    if (Buffer.from(bytes).includes(Buffer.from("EncryptedPackage", "utf16le"))) {
      throw new BadInputError(
        `${name} is encrypted (password-protected): remove the password and import it again`,
      );
    }
    throw new BadInputError(`${name} is an old Office file (.doc, .xls): save it as .docx, or ${SUPPORTED}`);
  }
  const other = OTHER_FORMATS.find((format) => startsWith(bytes, format.magic));
  if (other) throw new BadInputError(`${name} is ${other.name}, an unknown format here: ${SUPPORTED}`);
  const text = decodeText(bytes.subarray(0, 64 * 1024), name, { partial: true });
  if (text.trim() === "" && decodeText(bytes, name).trim() === "") {
    throw new BadInputError(`${name} is empty: there is no text to import`);
  }
  if (looksLikeChat(text)) return "chat";
  if (/\.(md|markdown|mdown|mkd)$/i.test(name) || looksLikeMarkdown(text)) return "markdown";
  return "text";
}

function looksLikeMarkdown(text: string): boolean {
  const signs = [
    /^#{1,6} \S/m,
    /\]\([^)\s]+\)/,
    /^```/m,
    /^\s*[-*] \S[\s\S]*^\s*[-*] \S/m,
    /\*\*[^*\n]+\*\*/,
  ];
  return signs.filter((sign) => sign.test(text)).length >= 2;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}
