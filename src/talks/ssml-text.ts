import { BadInputError } from "../core/errors.js";

/** What a D-ID `ssml: true` script says, and the prosody wrapped around all of it. */
export interface SsmlText {
  text: string;
  rate?: string;
  pitch?: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * The words of an SSML script (D-ID passes Microsoft's and Amazon's SSML on): `<sub alias>` says its alias, `<break>`
 * and paragraph ends pause, every other tag is dropped and entities are decoded. The first `<prosody>`'s rate and
 * pitch are returned so the local voice can follow them.
 */
export function ssmlToText(ssml: string): SsmlText {
  const prosody = /<prosody\b([^>]*)>/i.exec(ssml)?.[1] ?? "";
  const attribute = (name: string) =>
    new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, "i").exec(prosody)?.[1];
  const text = ssml
    .replace(/<sub\b[^>]*\balias\s*=\s*["']([^"']*)["'][^>]*>[\s\S]*?<\/sub>/gi, " $1 ")
    .replace(/<(break|\/p|\/s)\b[^>]*>/gi, ", ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? "")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/\s+,/g, ",")
    .replace(/(,\s*)+/g, ", ")
    .replace(/([.!?;:]),/g, "$1")
    .replace(/\s+/g, " ")
    .replace(/^[\s,]+|[\s,]+$/g, "");
  if (!/[\p{L}\p{N}]/u.test(text)) throw new BadInputError("script.input: the SSML has no words to say");
  const rate = attribute("rate");
  const pitch = attribute("pitch");
  return { text, ...(rate && { rate }), ...(pitch && { pitch }) };
}
