import sharp from "sharp";
import { BadInputError } from "../../core/errors.js";

/**
 * Photos from users are sniffed by content (never by name), capped in bytes and in pixels before decoding (against
 * decompression bombs), EXIF-rotated, downscaled and re-encoded, so nothing downstream sees the original file.
 */
export const MAX_PHOTO_BYTES = 25 * 1024 * 1024;
export const MAX_PHOTO_PIXELS = 40_000_000;
/** Longest side kept: enough for a face mesh at 1024² output, small enough to decode fast. */
export const PHOTO_LONG_SIDE = 1280;
const MIN_SIDE = 64;

export type ImageFormat = "png" | "jpeg" | "webp";

export interface IntakePhoto {
  /** Re-encoded JPEG. */
  data: Buffer;
  width: number;
  height: number;
  /** What the input was and what was done to it, for the user ("downscaled from 6000x4000"). */
  notes: string[];
}

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) =>
  prefix.every((value, index) => bytes[at + index] === value);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The format by magic bytes; a clear error for the formats people try that we do not take. */
export function sniffImage(bytes: Uint8Array): ImageFormat {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  const unsupported: [string, boolean][] = [
    ["GIF", startsWith(bytes, ascii("GIF8"))],
    ["BMP", startsWith(bytes, ascii("BM"))],
    ["TIFF", startsWith(bytes, [0x49, 0x49, 0x2a, 0]) || startsWith(bytes, [0x4d, 0x4d, 0, 0x2a])],
    ["HEIC/AVIF", startsWith(bytes, ascii("ftyp"), 4)],
    ["SVG", /^\s*(<\?xml|<svg)/i.test(new TextDecoder().decode(bytes.subarray(0, 256)))],
  ];
  const found = unsupported.find(([, matches]) => matches);
  if (found) throw new BadInputError(`${found[0]} photos are not supported: use a PNG, JPEG or WebP image`);
  throw new BadInputError("the file is not an image (expected a PNG, JPEG or WebP photo)");
}

export async function intakePhoto(bytes: Uint8Array): Promise<IntakePhoto> {
  if (bytes.byteLength === 0) throw new BadInputError("the photo file is empty");
  if (bytes.byteLength > MAX_PHOTO_BYTES) {
    throw new BadInputError(
      `the photo is too large (${mb(bytes.byteLength)}; the limit is ${mb(MAX_PHOTO_BYTES)})`,
    );
  }
  const format = sniffImage(bytes);
  const metadata = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch((error: unknown) => {
      throw new BadInputError(`the ${format.toUpperCase()} photo is corrupt or truncated`, { cause: error });
    });
  const { width = 0, height = 0 } = metadata;
  // Header dimensions are checked before any pixel is decoded: a tiny file can claim billions of pixels.
  if (width * height > MAX_PHOTO_PIXELS) {
    throw new BadInputError(
      `the photo has too many pixels (${width}x${height}; the limit is ${MAX_PHOTO_PIXELS / 1e6} megapixels)`,
    );
  }
  if (Math.min(width, height) < MIN_SIDE) {
    throw new BadInputError(
      `the photo is too small (${width}x${height}; at least ${MIN_SIDE} pixels a side)`,
    );
  }
  const notes: string[] = [];
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: "error" })
      .rotate()
      .resize(PHOTO_LONG_SIDE, PHOTO_LONG_SIDE, { fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 92 })
      .toBuffer({ resolveWithObject: true });
    if (Math.max(width, height) > PHOTO_LONG_SIDE) {
      notes.push(`downscaled the photo from ${width}x${height} to ${info.width}x${info.height}`);
    }
    return { data, width: info.width, height: info.height, notes };
  } catch (error) {
    throw new BadInputError(`the ${format.toUpperCase()} photo is corrupt or truncated`, { cause: error });
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
