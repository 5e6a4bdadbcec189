import type { AudioClip } from "./audio.js";
import type { FaceMotion, Mood, TimedMood } from "./face-motion.js";
import type { SpeechTimeline } from "./timeline.js";
import type { FaceChoice } from "./twin.js";

export interface RenderRequest {
  face: FaceChoice;
  /** Text of the talk, for renderers that synthesise the voice themselves (cloud avatars). */
  text: string;
  /** The twin's voice id, for renderers that voice `text` themselves: D-ID speaks an `elevenlabs:<id>` voice with it. */
  voice?: string;
  audio: AudioClip;
  timeline: SpeechTimeline;
  size: number;
  fps: number;
  /** The twin's face motion (resting mood, head motion, blinks, expressiveness, stillness); defaults when absent. */
  motion?: FaceMotion;
  /** This talk's mood (the reply's tone); the twin's resting mood when absent. */
  mood?: Mood;
  /** Moods over the talk's course (D-ID's driver_expressions), in time order; they take precedence over `mood`. */
  moods?: TimedMood[];
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
