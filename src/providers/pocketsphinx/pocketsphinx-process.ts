import { type ChildProcess, spawn } from "node:child_process";
import { samplesToPcm } from "../../audio-input/pcm.js";
import { CancelledError, ProviderError } from "../../core/errors.js";
import { STREAM_SAMPLE_RATE, type Transcript, type TranscriptionStream } from "../../core/transcriber.js";
import type { PocketsphinxInstall } from "./pocketsphinx-install.js";
import { parsePocketsphinxOutput } from "./pocketsphinx-output.js";

/** `pocketsphinx_continuous` on raw 16 kHz mono PCM from `infile`, printing each utterance with word times. */
function pocketsphinxArgs({ modelDir }: PocketsphinxInstall, infile: string): string[] {
  return [
    ["-infile", infile],
    ["-hmm", `${modelDir}/en-us`],
    ["-lm", `${modelDir}/en-us.lm.bin`],
    ["-dict", `${modelDir}/cmudict-en-us.dict`],
    ["-logfn", "/dev/null"],
    ["-time", "yes"],
  ].flat();
}

/** What the process prints, once it exits 0; its first stderr line as the error otherwise. */
function pocketsphinxOutput(child: ChildProcess, binary: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString();
    });
    child.on("error", (error) => {
      if (error.name === "AbortError") reject(new CancelledError());
      else
        reject(new ProviderError("pocketsphinx", `cannot run ${binary}: ${error.message}`, { cause: error }));
    });
    child.on("close", (code, signal) => {
      if (code === 0) return resolve(stdout);
      if (signal) return reject(new CancelledError());
      const reason = stderr.split("\n").find((line) => line.trim()) ?? `exit code ${code}`;
      reject(new ProviderError("pocketsphinx", reason.trim()));
    });
  });
}

/**
 * One recogniser process fed as the person speaks. pocketsphinx reads its input with blocking reads and decodes each
 * block as it comes, ending utterances at its own pauses, so by the time the page has heard enough quiet to stop,
 * the words are already decoded. It reads a path, and a Node child's stdin is a socket, which cannot be opened by
 * path: `cat` between them makes it a pipe. The model loads while the first words arrive.
 */
export class PocketsphinxStream implements TranscriptionStream {
  private readonly child: ChildProcess;
  private readonly output: Promise<string>;
  private samples = 0;
  private cancelled = false;

  constructor(install: PocketsphinxInstall) {
    // Its own process group, so cancelling stops both `cat` and the recogniser.
    this.child = spawn(
      "sh",
      ["-c", 'cat | exec "$0" "$@"', install.binary, ...pocketsphinxArgs(install, "/dev/stdin")],
      {
        stdio: ["pipe", "pipe", "pipe"],
        detached: true,
      },
    );
    this.output = pocketsphinxOutput(this.child, install.binary);
    // Errors surface in `finish`; a write after the process died must not throw from the socket.
    this.output.catch(() => undefined);
    this.child.stdin?.on("error", () => undefined);
  }

  write(samples: Int16Array): void {
    if (this.cancelled || samples.length === 0) return;
    this.samples += samples.length;
    // Copied: the caller may reuse its buffer before the socket has sent this one.
    this.child.stdin?.write(Buffer.from(samplesToPcm(samples)));
  }

  async finish(): Promise<Transcript> {
    if (this.cancelled) throw new CancelledError();
    this.child.stdin?.end();
    const durationMs = (this.samples / STREAM_SAMPLE_RATE) * 1000;
    return parsePocketsphinxOutput(await this.output, durationMs);
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.child.stdin?.destroy();
    if (this.child.pid !== undefined && this.child.exitCode === null) {
      try {
        process.kill(-this.child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
}
