/** The audio containers people record and upload, as told apart by their first bytes. */
export type AudioFormat = "wav" | "ogg" | "webm" | "mp3" | "flac" | "mp4";

const startsWith = (bytes: Uint8Array, text: string, at = 0) =>
  [...text].every((char, index) => bytes[at + index] === char.charCodeAt(0));

/** The container by magic bytes (never by name or content-type, which clients get wrong), or undefined. */
export function sniffAudio(bytes: Uint8Array): AudioFormat | undefined {
  if (startsWith(bytes, "RIFF") && startsWith(bytes, "WAVE", 8)) return "wav";
  if (startsWith(bytes, "OggS")) return "ogg";
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return "webm";
  if (startsWith(bytes, "ID3") || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return "mp3";
  if (startsWith(bytes, "fLaC")) return "flac";
  if (startsWith(bytes, "ftyp", 4)) return "mp4";
  return undefined;
}
