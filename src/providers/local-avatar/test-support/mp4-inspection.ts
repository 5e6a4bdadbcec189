import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { ffmpegPath } from "../ffmpeg-binary.js";

/** Reads MP4s back the way a player would, for tests and the bench: streams via ffprobe, frames via ffmpeg. */
const run = promisify(execFile);
const require = createRequire(import.meta.url);

export interface ProbedStream {
  codec_type: "video" | "audio";
  codec_name: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  duration: string;
  nb_frames?: string;
}

export async function probe(path: string): Promise<{ streams: ProbedStream[]; formatName: string }> {
  const ffprobe = (require("@ffprobe-installer/ffprobe") as { path: string }).path;
  const { stdout } = await run(ffprobe, [
    "-v",
    "error",
    "-show_streams",
    "-show_format",
    "-of",
    "json",
    path,
  ]);
  const parsed = JSON.parse(stdout) as { streams: ProbedStream[]; format: { format_name: string } };
  return { streams: parsed.streams, formatName: parsed.format.format_name };
}

/** Every frame as 8-bit grey, width × height bytes each. */
export async function decodeGreyFrames(path: string, width: number, height: number): Promise<Uint8Array[]> {
  const { stdout } = await run(
    ffmpegPath(),
    ["-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "gray", "-"],
    {
      encoding: "buffer",
      maxBuffer: 512 * 1024 * 1024,
    },
  );
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset + width * height <= stdout.length; offset += width * height) {
    frames.push(stdout.subarray(offset, offset + width * height));
  }
  return frames;
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Mean absolute difference of two grey frames inside a region, 0..255. */
export function regionDifference(a: Uint8Array, b: Uint8Array, frameWidth: number, region: Region): number {
  let sum = 0;
  for (let y = region.y; y < region.y + region.height; y++) {
    for (let x = region.x; x < region.x + region.width; x++) {
      sum += Math.abs((a[y * frameWidth + x] as number) - (b[y * frameWidth + x] as number));
    }
  }
  return sum / (region.width * region.height);
}

/** The largest difference of any frame from the first, inside a region. */
export function largestChange(frames: Uint8Array[], frameWidth: number, region: Region): number {
  const first = frames[0] as Uint8Array;
  return Math.max(...frames.map((frame) => regionDifference(first, frame, frameWidth, region)));
}
