import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timedExpressionAt } from "../../avatar/expression.js";
import { FaceAnimation } from "../../avatar/face-state.js";
import { loadPhoto } from "../../avatar/node/photo-store.js";
import { seedFromText } from "../../avatar/seeded-random.js";
import { audioDurationMs } from "../../core/audio.js";
import type { AvatarRenderer, RenderedVideo, RenderRequest } from "../../core/avatar-renderer.js";
import { BadInputError, throwIfAborted } from "../../core/errors.js";
import type { FaceChoice } from "../../core/twin.js";
import { encodeWav } from "../../voice/wav.js";
import { type FrameDrawer, illustratedDrawer, photoDrawer } from "./frame-drawers.js";
import { Mp4Encoder } from "./mp4-encoder.js";

export interface LocalAvatarOptions {
  /** Where photos and their landmarks are stored (config.mediaDir). */
  mediaDir: string;
}

export const SIZE_RANGE = { min: 64, max: 2048 } as const;
export const FPS_RANGE = { min: 1, max: 60 } as const;

/**
 * The built-in talking head as MP4: the shared animation core draws each frame (skia canvas for the illustrated
 * face, the mesh rasterizer for a photo) and ffmpeg encodes them with the talk's audio.
 */
export class LocalAvatarRenderer implements AvatarRenderer {
  readonly provider = "local-avatar";
  readonly modelId = "mesh-v1";
  constructor(private readonly options: LocalAvatarOptions) {}

  async render(request: RenderRequest, outputPath: string): Promise<RenderedVideo> {
    const { size, fps, audio, timeline, signal } = request;
    checkRange("size", size, SIZE_RANGE);
    checkRange("fps", fps, FPS_RANGE);
    if (size % 2 !== 0) throw new BadInputError(`size must be even for H.264 (got ${size})`);
    const draw = await this.drawerFor(request.face, size);
    // Whole frames covering the audio, rounded: video and audio then differ by at most half a frame.
    const frames = Math.max(1, Math.round((audioDurationMs(audio) / 1000) * fps));
    const animation = new FaceAnimation(seedFor(request.face), request.motion);
    const talk = { timeline, startedAt: 0, text: request.text, mood: request.mood, audio };
    const workDir = await mkdtemp(join(tmpdir(), "aitwin-render-"));
    try {
      const audioPath = join(workDir, "speech.wav");
      await writeFile(audioPath, encodeWav(audio));
      const encoder = new Mp4Encoder({ width: size, height: size, fps, audioPath, outputPath, signal });
      try {
        for (let index = 0; index < frames; index++) {
          throwIfAborted(signal);
          const t = (index * 1000) / fps;
          const timed = request.moods && timedExpressionAt(request.moods, t);
          const state = animation.stateAt(t, timed ? { ...talk, mood: timed } : talk);
          const frame = draw.draw(state);
          await encoder.write(frame, () => draw.release(frame));
          if (index % fps === 0) request.onProgress?.(index / frames);
        }
        await encoder.finish();
      } catch (error) {
        encoder.abort();
        throw error;
      }
      request.onProgress?.(1);
      return { path: outputPath, durationMs: (frames * 1000) / fps, width: size, height: size };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  private async drawerFor(face: FaceChoice, size: number): Promise<FrameDrawer> {
    if (face.kind === "illustrated") return illustratedDrawer(face.look, size);
    return photoDrawer(await loadPhoto(this.options.mediaDir, face.mediaId, face.face ?? 0), size);
  }
}

function checkRange(name: string, value: number, range: { min: number; max: number }): void {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new BadInputError(
      `${name} must be a whole number from ${range.min} to ${range.max} (got ${value})`,
    );
  }
}

function seedFor(face: FaceChoice): number {
  return seedFromText(face.kind === "illustrated" ? face.look : face.mediaId);
}
