import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { PauseWatch } from "../../audio-input/pause-watch.js";
import { samplesToPcm } from "../../audio-input/pcm.js";
import { CancelledError, ProviderError } from "../../core/errors.js";
import {
  STREAM_SAMPLE_RATE,
  type Transcript,
  type TranscriptionStream,
  type TranscriptWord,
} from "../../core/transcriber.js";
import type { PocketsphinxInstall } from "./pocketsphinx-install.js";
import { featureParametersWith, LogWatch } from "./pocketsphinx-log.js";
import { parsePocketsphinxOutput } from "./pocketsphinx-output.js";

export interface PocketsphinxRunOptions {
  /**
   * The cepstral mean to start from (`-cmninit`). Without it the first utterance is decoded against the model's
   * generic mean (41, -5.3, …) and only later ones against this speaker's: short first utterances lose words.
   */
  cepstralMean?: readonly number[];
  /**
   * Quiet that closes an utterance (and prints its words); the recogniser's own default is 500 ms. A live stream
   * closes sooner so the end-of-turn rules have the words by the time they decide.
   */
  closeAfterMs?: number;
  /**
   * A lighter search (fewer active models and words per frame, a longer phone lookahead): about 40% less CPU for
   * the same words on our recordings, so a live stream keeps up with the speaker on a busy machine.
   */
  lighter?: boolean;
  /**
   * Close a phrase as soon as the audio written shows this much quiet, rather than after the recogniser's own
   * end-pointer has heard `closeAfterMs` of it and its 128 ms reads have filled: quiet is written ahead (and taken
   * out of the word times again), so the words of the phrase are out ~0.3 s sooner at every pause.
   */
  closeAtPauseMs?: number;
  /** Narrow beams, no third pass: a fast run whose only use is the cepstral mean it settles on. */
  quick?: boolean;
}

/** What one run printed: the words, and the cepstral mean it ended on (for the next run). */
export interface PocketsphinxResult {
  transcript: Transcript;
  cepstralMean: number[] | undefined;
}

/**
 * Quiet written ahead must only go into a real pause, never into a quiet speaker's "f" or "s" (which would split the
 * word): speech is anything 3× above the room's floor or louder than this (−50 dBFS), not the detector's −36 dBFS.
 */
const PAUSE_SPEECH_RMS = 0.003;

/** `pocketsphinx_continuous` on raw 16 kHz mono PCM from `infile`, printing each utterance with word times. */
function pocketsphinxArgs(
  { modelDir }: PocketsphinxInstall,
  infile: string,
  options: PocketsphinxRunOptions,
  featureParameters: string | undefined,
): string[] {
  return [
    ["-infile", infile],
    ["-hmm", `${modelDir}/en-us`],
    ["-lm", `${modelDir}/en-us.lm.bin`],
    ["-dict", `${modelDir}/cmudict-en-us.dict`],
    ["-time", "yes"],
    featureParameters ? ["-featparams", featureParameters] : [],
    options.lighter ? ["-maxhmmpf", "3000", "-maxwpf", "10", "-pl_window", "10"] : [],
    options.closeAfterMs ? ["-vad_postspeech", String(Math.round(options.closeAfterMs / 10))] : [],
    // The mean is computed on the features, before the search, so the narrow search does not change it.
    options.quick ? ["-maxhmmpf", "200", "-bestpath", "no", "-beam", "1e-20", "-wbeam", "1e-10"] : [],
  ].flat();
}

/** What the process prints, once it exits 0; its first error line otherwise. */
function pocketsphinxOutput(child: ChildProcess, binary: string, log: LogWatch): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => log.take(chunk.toString()));
    child.on("error", (error) => {
      if (error.name === "AbortError") reject(new CancelledError());
      else
        reject(new ProviderError("pocketsphinx", `cannot run ${binary}: ${error.message}`, { cause: error }));
    });
    child.on("close", (code, signal) => {
      if (code === 0) return resolve(stdout);
      if (signal) return reject(new CancelledError());
      reject(new ProviderError("pocketsphinx", (log.error ?? `exit code ${code}`).trim()));
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
  private printed = "";
  private readonly heardListeners = new Set<() => void>();
  private readonly log = new LogWatch();
  private samples = 0;
  private cancelled = false;
  private readonly pauses: PauseWatch | undefined;
  /** Quiet written ahead at pauses: where in the recogniser's time (ms) and how long, to take out of word times. */
  private readonly padded: { at: number; ms: number }[] = [];
  private paddedThisPause = false;
  private readonly padMs: number;

  constructor(
    install: PocketsphinxInstall,
    private readonly options: PocketsphinxRunOptions = {},
  ) {
    if (options.closeAtPauseMs !== undefined)
      this.pauses = new PauseWatch(STREAM_SAMPLE_RATE, PAUSE_SPEECH_RMS);
    // The end-pointer's own quiet (500 ms unless told), and a full 128 ms read on top, so nothing waits for more.
    this.padMs = (options.closeAfterMs ?? 500) + 200;
    const featureParameters = options.cepstralMean
      ? featureParametersWith(install.modelDir, options.cepstralMean)
      : undefined;
    // Its own process group, so cancelling stops both `cat` and the recogniser.
    this.child = spawn(
      "sh",
      [
        "-c",
        'cat | exec "$0" "$@"',
        install.binary,
        ...pocketsphinxArgs(install, "/dev/stdin", options, featureParameters),
      ],
      {
        stdio: ["pipe", "pipe", "pipe"],
        detached: true,
      },
    );
    this.output = pocketsphinxOutput(this.child, install.binary, this.log).finally(() => {
      if (featureParameters) rmSync(featureParameters, { force: true });
    });
    this.child.stdout?.on("data", (chunk: Buffer) => {
      const before = this.heardSoFar();
      this.printed += chunk.toString();
      if (this.heardSoFar() === before) return;
      for (const listener of this.heardListeners) listener();
    });
    // Errors surface in `finish`; a write after the process died must not throw from the socket.
    this.output.catch(() => undefined);
    this.child.stdin?.on("error", () => undefined);
  }

  /** The utterances the recogniser has closed so far (it closes one at each pause of its own). */
  heardSoFar(): string {
    return this.heardTranscript().text;
  }

  /** The words of `heardSoFar`, with their confidence; their times on the recogniser's clock (quiet written ahead in). */
  heardWordsSoFar(): TranscriptWord[] {
    return this.heardTranscript().words ?? [];
  }

  private heardTranscript(): Transcript {
    // Whole lines only: a line half printed would show a word cut short.
    return parsePocketsphinxOutput(this.printed.slice(0, this.printed.lastIndexOf("\n") + 1), 0);
  }

  /** Calls `listener` each time the words so far change (a phrase closed). */
  onHeard(listener: () => void): () => void {
    this.heardListeners.add(listener);
    return () => this.heardListeners.delete(listener);
  }

  write(samples: Int16Array): void {
    if (this.cancelled || samples.length === 0) return;
    this.samples += samples.length;
    // Copied: the caller may reuse its buffer before the socket has sent this one.
    this.child.stdin?.write(Buffer.from(samplesToPcm(samples)));
    if (!this.pauses) return;
    const quiet = this.pauses.push(samples);
    if (quiet === 0) this.paddedThisPause = false;
    else if (!this.paddedThisPause && quiet >= (this.options.closeAtPauseMs ?? 0)) {
      this.paddedThisPause = true;
      const at = (this.samples / STREAM_SAMPLE_RATE) * 1000 + this.paddedMs();
      this.padded.push({ at, ms: this.padMs });
      this.child.stdin?.write(Buffer.alloc(Math.round((STREAM_SAMPLE_RATE * this.padMs) / 1000) * 2));
    }
  }

  /** Whether the recogniser is still there to be fed (not cancelled, not exited). */
  get running(): boolean {
    return !this.cancelled && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Whether this recogniser keeps Node's process alive: a spare loaded ahead of need must not, one in use does
   * (like any child process and its pipes).
   */
  keepProcessAlive(keep: boolean): void {
    const handles = [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as unknown as (
      | { ref?(): void; unref?(): void }
      | null
      | undefined
    )[];
    for (const handle of handles) {
      if (keep) handle?.ref?.();
      else handle?.unref?.();
    }
  }

  /** Pauses at which quiet was written ahead to close the phrase. */
  get pausesClosed(): number {
    return this.padded.length;
  }

  private paddedMs(before = Number.POSITIVE_INFINITY): number {
    return this.padded.filter((pad) => pad.at < before).reduce((sum, pad) => sum + pad.ms, 0);
  }

  async finish(): Promise<Transcript> {
    return (await this.finishRun()).transcript;
  }

  /** The transcript and the cepstral mean the run ended on. */
  async finishRun(): Promise<PocketsphinxResult> {
    if (this.cancelled) throw new CancelledError();
    this.child.stdin?.end();
    const durationMs = (this.samples / STREAM_SAMPLE_RATE) * 1000;
    const transcript = parsePocketsphinxOutput(await this.output, durationMs);
    // Word times back on the speaker's clock: the quiet written ahead never happened.
    if (this.padded.length > 0 && transcript.words) {
      transcript.words = transcript.words.map((word) => ({
        ...word,
        start: Math.max(0, word.start - this.paddedMs(word.start + 1)),
      }));
    }
    return { transcript, cepstralMean: this.log.cepstralMean };
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
