import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { CancelledError, ProviderError } from "../core/errors.js";

const require = createRequire(import.meta.url);

/** The ffmpeg binary shipped by `@ffmpeg-installer/ffmpeg` (npm), so decoding needs no system package. */
export function ffmpegPath(): string {
  const installer = require("@ffmpeg-installer/ffmpeg") as { path: string };
  return installer.path;
}

export interface FfmpegResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
}

/**
 * Runs ffmpeg to completion with `input` on stdin, collecting stdout. Output beyond `maxOutputBytes` stops the
 * process early: callers use it to refuse over-long audio without decoding all of it.
 */
export function runFfmpeg(
  args: string[],
  options: { input?: Uint8Array; maxOutputBytes?: number; signal?: AbortSignal } = {},
): Promise<FfmpegResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new CancelledError());
    const child = spawn(ffmpegPath(), ["-hide_banner", "-nostdin", "-loglevel", "error", ...args], {
      stdio: [options.input ? "pipe" : "ignore", "pipe", "pipe"],
      signal: options.signal,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (options.maxOutputBytes !== undefined && size > options.maxOutputBytes) child.kill("SIGKILL");
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString();
    });
    child.on("error", (error) => {
      if (error.name === "AbortError") reject(new CancelledError());
      else reject(new ProviderError("ffmpeg", `cannot run ffmpeg: ${error.message}`, { cause: error }));
    });
    child.on("close", (code) => resolve({ stdout: Buffer.concat(chunks), stderr, code }));
    if (options.input && child.stdin) {
      // ffmpeg may stop reading early (it has enough, or the input is junk): a broken pipe is not our failure.
      child.stdin.on("error", () => {});
      child.stdin.end(options.input);
    }
  });
}
