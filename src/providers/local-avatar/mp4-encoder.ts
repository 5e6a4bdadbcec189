import { spawn } from "node:child_process";
import { CancelledError, ProviderError } from "../../core/errors.js";
import { ffmpegPath } from "./ffmpeg-binary.js";

export interface EncoderOptions {
  width: number;
  height: number;
  fps: number;
  /** WAV file to mux as AAC; video only when absent (the bench's encode-only baseline). */
  audioPath?: string;
  outputPath: string;
  signal?: AbortSignal;
}

/** Frames queued for ffmpeg before `write` waits: enough that ffmpeg never waits for the next frame to be drawn. */
const IN_FLIGHT = 4;

/**
 * ffmpeg reading raw RGBA frames on stdin and writing H.264 (yuv420p) + AAC MP4 with the index at the front
 * (+faststart) so players can start before the download ends. `write` keeps up to `IN_FLIGHT` frames queued on the
 * pipe, so drawing the next frames overlaps ffmpeg reading and encoding the last ones, and waits beyond that.
 */
export class Mp4Encoder {
  private readonly child;
  private readonly stderr: string[] = [];
  private readonly exited: Promise<number | null>;
  private inFlight = 0;
  private written: (() => void) | undefined;

  constructor(private readonly options: EncoderOptions) {
    const { width, height, fps, audioPath, outputPath } = options;
    const args = ["-hide_banner", "-loglevel", "error", "-y"];
    args.push(
      "-f",
      "rawvideo",
      "-pix_fmt",
      "rgba",
      "-s",
      `${width}x${height}`,
      "-r",
      String(fps),
      "-i",
      "pipe:0",
    );
    if (audioPath) args.push("-i", audioPath);
    args.push("-map", "0:v:0");
    if (audioPath) args.push("-map", "1:a:0", "-c:a", "aac", "-b:a", "96k");
    args.push("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p");
    args.push("-movflags", "+faststart", outputPath);
    this.child = spawn(ffmpegPath(), args, { stdio: ["pipe", "ignore", "pipe"] });
    this.child.stderr.setEncoding("utf8").on("data", (text: string) => this.stderr.push(text));
    // An early ffmpeg exit shows up as EPIPE on stdin; the exit code and stderr tell the real story.
    this.child.stdin.on("error", () => {});
    this.exited = new Promise((resolve, reject) => {
      this.child.on("error", reject);
      this.child.on("close", resolve);
    });
    // Handled from the start: a render aborted before `finish` never awaits it, and a failed spawn must not then
    // surface as an unhandled rejection; `write` and `finish` still see the failure.
    this.exited.catch(() => {});
    options.signal?.addEventListener("abort", () => this.child.kill("SIGKILL"), { once: true });
  }

  /**
   * Queues one frame (width × height × 4 bytes), owned by the encoder until `done` is called: then it has gone down
   * the pipe and the caller may draw into it again.
   */
  async write(frame: Uint8Array, done?: () => void): Promise<void> {
    if (this.options.signal?.aborted) throw new CancelledError();
    if (this.child.exitCode !== null) throw this.failure(this.child.exitCode);
    this.inFlight++;
    this.child.stdin.write(frame, () => {
      this.inFlight--;
      done?.();
      this.written?.();
    });
    while (this.inFlight >= IN_FLIGHT && this.child.exitCode === null) {
      await Promise.race([new Promise<void>((resolve) => (this.written = resolve)), this.exited]);
      this.written = undefined;
    }
  }

  async finish(): Promise<void> {
    this.child.stdin.end();
    const code = await this.exited.catch((error: unknown) => {
      throw new ProviderError("local-avatar", `ffmpeg could not start: ${(error as Error).message}`);
    });
    if (this.options.signal?.aborted) throw new CancelledError();
    if (code !== 0) throw this.failure(code);
  }

  /** Stops ffmpeg (after an error elsewhere); safe to call twice. */
  abort(): void {
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }

  private failure(code: number | null): ProviderError {
    const detail = this.stderr.join("").trim().split("\n").slice(-3).join(" ");
    return new ProviderError("local-avatar", `ffmpeg failed (exit ${code}): ${detail}`);
  }
}
