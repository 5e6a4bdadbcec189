/**
 * Lip-sync measured from the MP4 alone, as a viewer would judge it: the face is found in the video's first frame by
 * the same landmark model photos go through, the mouth's opening is tracked frame by frame in the decoded video, and
 * compared with the loudness of the decoded audio track. Nothing of the renderer's own state is read.
 *
 * - Opening track: per frame, the mean absolute difference of the mouth region from the first frame (silence, mouth
 *   at rest). It grows with the lips' gap and the jaw's drop, whatever the inside is painted with.
 * - Audio envelope: RMS of the audio in each frame's 40 ms window.
 * - Cross-correlation of the two over ±5 frames: the lag of the peak (positive: mouth after sound) and r there.
 *   ITU-R BT.1359 puts detectability at +45 ms (sound first) / −125 ms (sound last); one frame at 25 fps is 40 ms.
 * - p/b/m: each PP viseme of the talk's timeline (the phones the voice spoke) is a closure if the opening track in
 *   its frames falls to within 15% of the way from rest (the quiet frames) to wide open (the 95th percentile).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import sharp from "sharp";
import { MESH } from "../src/avatar/face-landmarks.js";
import { detectFace } from "../src/avatar/node/face-detector.js";
import type { SpeechTimeline } from "../src/core/timeline.js";
import { ffmpegPath } from "../src/providers/local-avatar/ffmpeg-binary.js";

const run = promisify(execFile);

export interface LipSyncFigures {
  frames: number;
  lagFrames: number;
  r: number;
  closures: number;
  bilabials: number;
}

async function decode(path: string, args: string[]): Promise<Buffer> {
  const { stdout } = await run(ffmpegPath(), ["-v", "error", "-i", path, ...args, "-"], {
    encoding: "buffer",
    maxBuffer: 1024 * 1024 * 1024,
  });
  return stdout;
}

export async function measureLipSync(
  mp4Path: string,
  size: number,
  fps: number,
  timeline: SpeechTimeline,
): Promise<LipSyncFigures> {
  const rgb = await decode(mp4Path, ["-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24"]);
  const png = await sharp(rgb, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
  const { landmarks } = await detectFace(png);
  const at = (index: number) => landmarks.points[index] as [number, number];
  const lips = [...MESH.lipsUpperOuter, ...MESH.lipsLowerOuter].map(at);
  const faceHeight = Math.hypot(
    at(MESH.chin)[0] - at(MESH.forehead)[0],
    at(MESH.chin)[1] - at(MESH.forehead)[1],
  );
  const left = Math.max(0, Math.floor(Math.min(...lips.map(([x]) => x))));
  const right = Math.min(size - 1, Math.ceil(Math.max(...lips.map(([x]) => x))));
  const top = Math.max(0, Math.floor(Math.min(...lips.map(([, y]) => y))));
  // The jaw carries the lower lip down by up to a tenth of the face.
  const bottom = Math.min(size - 1, Math.ceil(Math.max(...lips.map(([, y]) => y)) + faceHeight * 0.1));

  const grey = await decode(mp4Path, ["-f", "rawvideo", "-pix_fmt", "gray"]);
  const frameBytes = size * size;
  const frames = Math.floor(grey.length / frameBytes);
  const opening: number[] = [];
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let y = top; y <= bottom; y++) {
      for (let x = left; x <= right; x++) {
        sum += Math.abs((grey[frame * frameBytes + y * size + x] as number) - (grey[y * size + x] as number));
      }
    }
    opening.push(sum / ((bottom - top + 1) * (right - left + 1)));
  }

  const sampleRate = 16000;
  const pcm = await decode(mp4Path, ["-f", "s16le", "-ac", "1", "-ar", String(sampleRate)]);
  const samples = new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.length / 2));
  const envelope = opening.map((_, frame) => {
    const from = Math.round(((frame - 0.5) / fps) * sampleRate);
    const to = Math.round(((frame + 0.5) / fps) * sampleRate);
    let sum = 0;
    let count = 0;
    for (let index = Math.max(0, from); index < Math.min(samples.length, to); index++) {
      sum += (samples[index] as number) ** 2;
      count++;
    }
    return Math.sqrt(sum / Math.max(1, count));
  });

  let lagFrames = 0;
  let r = Number.NEGATIVE_INFINITY;
  for (let lag = -5; lag <= 5; lag++) {
    const pairs: [number, number][] = [];
    for (let frame = 0; frame < frames; frame++) {
      const sound = frame - lag;
      if (sound >= 0 && sound < frames) pairs.push([opening[frame] as number, envelope[sound] as number]);
    }
    const correlation = pearson(pairs);
    if (correlation > r) {
      r = correlation;
      lagFrames = lag;
    }
  }

  const sorted = [...opening].sort((a, b) => a - b);
  const loudest = Math.max(...envelope);
  const quiet = opening.filter((_, frame) => (envelope[frame] as number) < loudest * 0.02);
  const rest = quiet.length > 0 ? median(quiet) : (sorted[0] as number);
  const wide = sorted[Math.floor(sorted.length * 0.95)] as number;
  const closedBelow = rest + 0.15 * (wide - rest);
  const bilabials = timeline.visemes.filter((viseme) => viseme.viseme === "PP");
  let closures = 0;
  for (const viseme of bilabials) {
    const first = Math.ceil((viseme.start / 1000) * fps);
    const last = Math.floor(((viseme.start + viseme.duration) / 1000) * fps);
    const inside =
      last >= first
        ? opening.slice(first, last + 1)
        : [opening[Math.round(((viseme.start + viseme.duration / 2) / 1000) * fps)] as number];
    if (Math.min(...inside) <= closedBelow) closures++;
  }
  return { frames, lagFrames, r, closures, bilabials: bilabials.length };
}

function pearson(pairs: [number, number][]): number {
  const count = pairs.length;
  const meanA = pairs.reduce((sum, [a]) => sum + a, 0) / count;
  const meanB = pairs.reduce((sum, [, b]) => sum + b, 0) / count;
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (const [a, b] of pairs) {
    covariance += (a - meanA) * (b - meanB);
    varianceA += (a - meanA) ** 2;
    varianceB += (b - meanB) ** 2;
  }
  return covariance / Math.sqrt(varianceA * varianceB || 1);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
