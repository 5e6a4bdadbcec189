import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { moodOfReply } from "../avatar/reply-mood.js";
import type { AvatarRenderer } from "../core/avatar-renderer.js";
import type { FaceMotion } from "../core/face-motion.js";
import type { Part } from "../core/parts.js";
import type { Speech } from "../core/synthesizer.js";
import type { FaceChoice } from "../core/twin.js";
import { joinSpeech } from "../voice/join-speech.js";
import type { CommandOutput } from "./output.js";

/**
 * `aitwin chat --video DIR`: keeps each answer's speech as it streams, then renders the answer as an MP4 talk of the
 * twin's face. Rendering comes after the answer was shown and heard, never in its way.
 */
export class AnswerVideos {
  private readonly directory: string;
  /** Each sentence's speech, in one piece or several (a streaming voice's), in the order they came. */
  private pieces = new Map<number, Partial<Speech>[]>();
  private text = "";
  private count = 0;

  constructor(
    private readonly renderer: AvatarRenderer,
    private readonly face: FaceChoice,
    directory: string,
    /** The twin's face motion; the answer's own words set its mood. */
    private readonly motion?: FaceMotion,
    /** The twin's voice id: a renderer that voices the text itself (D-ID) speaks an ElevenLabs voice with it. */
    private readonly voice?: string,
  ) {
    this.directory = resolve(directory);
    mkdirSync(this.directory, { recursive: true });
  }

  add(part: Part): void {
    if (part.type === "text-delta") this.text += part.text;
    // A piece's timeline comes before its audio.
    if (part.type === "visemes-ready") this.sentence(part.index).push({ timeline: part.timeline });
    if (part.type === "audio-chunk") {
      const pieces = this.sentence(part.index);
      const last = pieces.at(-1);
      if (last && !last.audio) last.audio = part.audio;
      else pieces.push({ audio: part.audio });
    }
  }

  /** Renders the answer collected since the last call; says where it went. */
  async write(output: CommandOutput): Promise<void> {
    const text = this.text.trim();
    const speeches = [...this.pieces.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([, pieces]) => pieces.filter((piece): piece is Speech => !!(piece.audio && piece.timeline)));
    this.pieces = new Map();
    this.text = "";
    if (!text || (speeches.length === 0 && !this.renderer.speaksText)) return;
    const speech = joinSpeech(speeches);
    const mood = moodOfReply(text);
    const path = join(this.directory, `answer-${Date.now()}-${++this.count}.mp4`);
    const video = await this.renderer.render(
      {
        face: this.face,
        text,
        audio: speech.audio,
        timeline: speech.timeline,
        size: 512,
        fps: 25,
        ...(this.motion && { motion: this.motion }),
        ...(mood && { mood }),
        ...(this.voice && { voice: this.voice }),
      },
      path,
    );
    output.err(`aitwin: wrote ${video.path} (${(video.durationMs / 1000).toFixed(1)} s)\n`);
  }

  private sentence(index: number): Partial<Speech>[] {
    let pieces = this.pieces.get(index);
    if (!pieces) {
      pieces = [];
      this.pieces.set(index, pieces);
    }
    return pieces;
  }
}
