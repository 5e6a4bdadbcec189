import type { AudioClip } from "../core/audio.js";
import { BadInputError } from "../core/errors.js";

const HEADER_BYTES = 44;

/** Encodes a clip as a canonical 44-byte-header RIFF WAV: mono, 16-bit PCM. */
export function encodeWav(clip: AudioClip): Uint8Array {
  const dataBytes = clip.samples.length * 2;
  const bytes = new Uint8Array(HEADER_BYTES + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let index = 0; index < text.length; index++) view.setUint8(offset + index, text.charCodeAt(index));
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, clip.sampleRate, true);
  view.setUint32(28, clip.sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, dataBytes, true);
  for (let index = 0; index < clip.samples.length; index++) {
    view.setInt16(HEADER_BYTES + index * 2, clip.samples[index] as number, true);
  }
  return bytes;
}

/**
 * Decodes a 16-bit PCM WAV (any channel count, mixed down to mono). Other encodings are refused with a clear
 * message rather than misread: callers convert them at the edge.
 */
export function decodeWav(bytes: Uint8Array): AudioClip {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new BadInputError("not a WAV file");
  let format: { channels: number; sampleRate: number; bits: number; encoding: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    // Writers that stream (flite among them) may leave a chunk size of 0 or too large: trust the file's end instead.
    const declared = view.getUint32(offset + 4, true);
    const body = offset + 8;
    const size = Math.min(declared, bytes.length - body);
    if (id === "fmt " && size >= 16) {
      format = {
        encoding: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === "data") {
      if (!format) throw new BadInputError("WAV file has no fmt chunk before its data");
      if (format.encoding !== 1 || format.bits !== 16 || format.channels < 1) {
        throw new BadInputError(
          `unsupported WAV encoding (format ${format.encoding}, ${format.bits}-bit); need 16-bit PCM`,
        );
      }
      const length = declared === 0 ? bytes.length - body : size;
      return { sampleRate: format.sampleRate, samples: mixToMono(view, body, length, format.channels) };
    }
    offset = body + size + (size % 2);
  }
  throw new BadInputError("WAV file has no data chunk");
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function mixToMono(view: DataView, start: number, length: number, channels: number): Int16Array {
  const frames = Math.floor(length / (2 * channels));
  const samples = new Int16Array(frames);
  if (channels === 1 && LITTLE_ENDIAN_HOST) {
    // Mono on a little-endian machine (every one Node ships for): the bytes are already the samples.
    new Uint8Array(samples.buffer).set(new Uint8Array(view.buffer, view.byteOffset + start, frames * 2));
    return samples;
  }
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let channel = 0; channel < channels; channel++) {
      sum += view.getInt16(start + (frame * channels + channel) * 2, true);
    }
    samples[frame] = Math.round(sum / channels);
  }
  return samples;
}
