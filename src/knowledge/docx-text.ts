import { unzipSync } from "fflate";
import { BadInputError } from "../core/errors.js";

/** A document.xml larger than this, unpacked, is refused before it is inflated (a zip bomb, not a CV). */
const MAX_DOCUMENT_XML_BYTES = 200 * 1024 * 1024;
const DOCUMENT_XML = "word/document.xml";

/** The text of a .docx: its paragraphs from word/document.xml, one per line; tabs and breaks as spaces and lines. */
export function docxText(bytes: Uint8Array, name: string): string {
  let xml: Uint8Array | undefined;
  try {
    xml = unzipSync(bytes, {
      filter: (file) => {
        if (file.name !== DOCUMENT_XML) return false;
        if (file.originalSize > MAX_DOCUMENT_XML_BYTES)
          throw new BadInputError(`${name} unpacks to too much text`);
        return true;
      },
    })[DOCUMENT_XML];
  } catch (error) {
    if (error instanceof BadInputError) throw error;
    const message = (error as Error).message ?? String(error);
    if (/encrypt/i.test(message)) {
      throw new BadInputError(
        `${name} is encrypted (password-protected): remove the password and import it again`,
        {
          cause: error,
        },
      );
    }
    throw new BadInputError(`${name} is not a readable .docx (${message})`, { cause: error });
  }
  if (!xml) throw new BadInputError(`${name} is a zip archive but not a .docx (no ${DOCUMENT_XML})`);
  return paragraphs(new TextDecoder().decode(xml)).join("\n");
}

function paragraphs(xml: string): string[] {
  const found: string[] = [];
  for (const [paragraph] of xml.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>/g)) {
    let text = "";
    for (const [, tag, content] of paragraph.matchAll(
      /<w:(t|tab|br|cr)(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/w:t>)/g,
    )) {
      if (tag === "t") text += entities(content ?? "");
      else text += tag === "tab" ? " " : "\n";
    }
    if (text.trim()) found.push(text.trim());
  }
  return found;
}

function entities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, entity: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (entity[0] !== "#") return named[entity.toLowerCase()] ?? whole;
    const code =
      entity[1] === "x" || entity[1] === "X" ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
