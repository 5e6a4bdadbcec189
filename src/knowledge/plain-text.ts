import { BadInputError } from "../core/errors.js";

/**
 * A file's bytes as text: UTF-8 (BOM or not), or UTF-16 with a BOM. BadInputError naming the file when the bytes are
 * not text (invalid UTF-8, NUL bytes, control characters). `partial`: the bytes are the start of a file, which may
 * end inside a character.
 */
export function decodeText(bytes: Uint8Array, name: string, options: { partial?: boolean } = {}): string {
  let text: string;
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "utf-16le"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf-16be"
        : "utf-8";
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: options.partial === true });
  } catch (error) {
    throw notText(name, error);
  }
  // Text has tabs and line breaks; a binary file that happens to be valid UTF-8 has other control characters.
  if (hasBinaryControl(text)) throw notText(name);
  return text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
}

function notText(name: string, cause?: unknown): BadInputError {
  return new BadInputError(
    `${name} is a binary file, not text: import .txt, .md, .pdf, .docx or a chat export`,
    cause === undefined ? undefined : { cause },
  );
}

/** Control characters other than tab, line feed, vertical tab, form feed, carriage return and escape. */
function hasBinaryControl(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 && !(code >= 0x09 && code <= 0x0d) && code !== 0x1b) return true;
  }
  return false;
}
