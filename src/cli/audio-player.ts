import { type ChildProcess, spawn } from "node:child_process";
import type { AudioClip } from "../core/audio.js";
import { findOnPath } from "../system/find-on-path.js";
import { encodeWav } from "../voice/wav.js";

/** Players that take a WAV on stdin, in order of preference: sox, ALSA, PulseAudio, ffmpeg. */
const PLAYERS: { command: string; args: string[] }[] = [
  { command: "play", args: ["-q", "-t", "wav", "-"] },
  { command: "aplay", args: ["-q", "-"] },
  { command: "paplay", args: [] },
  { command: "ffplay", args: ["-nodisp", "-autoexit", "-loglevel", "quiet", "-i", "-"] },
];

/**
 * Plays the twin's sentences one after another through a system player. `stop` cuts the current sentence and
 * drops the queue (barge-in); `drain` waits until everything queued has been heard.
 */
export class AudioPlayer {
  private queue: Promise<void> = Promise.resolve();
  private current: ChildProcess | undefined;
  private generation = 0;

  private constructor(private readonly player: { path: string; args: string[] }) {}

  /** A player for this machine, or undefined when none of the known players is installed. */
  static find(path?: string): AudioPlayer | undefined {
    for (const player of PLAYERS) {
      const found = findOnPath(player.command, path);
      if (found) return new AudioPlayer({ path: found, args: player.args });
    }
    return undefined;
  }

  get name(): string {
    return this.player.path;
  }

  enqueue(clip: AudioClip): void {
    const generation = this.generation;
    this.queue = this.queue.then(() => (generation === this.generation ? this.play(clip) : undefined));
  }

  drain(): Promise<void> {
    return this.queue;
  }

  stop(): void {
    this.generation++;
    this.current?.kill();
  }

  private play(clip: AudioClip): Promise<void> {
    return new Promise((resolve) => {
      const child = spawn(this.player.path, this.player.args, { stdio: ["pipe", "ignore", "ignore"] });
      this.current = child;
      // A player that fails (no sound card, say) must not end the conversation: the text is still there.
      child.on("error", () => resolve());
      child.on("close", () => resolve());
      child.stdin.on("error", () => {});
      child.stdin.end(encodeWav(clip));
    });
  }
}
