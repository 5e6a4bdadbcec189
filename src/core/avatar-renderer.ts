import type { AudioClip } from "./audio.js";
import type { SpeechTimeline } from "./timeline.js";
import type { FaceChoice } from "./twin.js";

export interface RenderRequest {
  face: FaceChoice;
  /** Text of the talk, for renderers that synthesise the voice themselves (cloud avatars). */
  text: string;
  audio: AudioClip;
  timeline: SpeechTimeline;
  size: number;
  fps: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface RenderedVideo {
  /** Path of the finished MP4 (H.264 + AAC, +faststart). */
  path: string;
  durationMs: number;
  width: number;
  height: number;
}

/** A talking head as a video file. The live browser face uses the same timeline but draws it itself. */
export interface AvatarRenderer {
  readonly provider: string;
  readonly modelId: string;
  /** Whether this renderer can animate the face; absent means any face (cloud avatars animate photos only). */
  canRender?(face: FaceChoice): boolean;
  /** True when the renderer voices `text` itself (a cloud avatar): callers may then pass empty audio and timeline. */
  readonly speaksText?: boolean;
  render(request: RenderRequest, outputPath: string): Promise<RenderedVideo>;
}
