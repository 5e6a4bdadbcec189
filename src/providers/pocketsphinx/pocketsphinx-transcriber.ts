import { spawn } from "node:child_process";
import { unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toSpeechClip } from "../../audio-input/decode-audio.js";
import { samplesToPcm } from "../../audio-input/pcm.js";
import { type AudioClip, audioDurationMs, type EncodedAudio } from "../../core/audio.js";
import { BadInputError, CancelledError, ProviderError } from "../../core/errors.js";
import type { TranscribeOptions, Transcriber, Transcript } from "../../core/transcriber.js";
import type { PocketsphinxInstall } from "./pocketsphinx-install.js";
import { parsePocketsphinxOutput } from "./pocketsphinx-output.js";

/**
 * CMU PocketSphinx (Debian `pocketsphinx`), spawned per request on raw 16 kHz PCM. English only, and far
 * less accurate than whisper, but it needs no download: the offline recogniser that is there out of the box.
 */
export class PocketsphinxTranscriber implements Transcriber {
  readonly provider = "pocketsphinx";
  readonly modelId = "cmusphinx-en-us-5.2";

  constructor(private readonly install: PocketsphinxInstall) {}

  async transcribe(audio: AudioClip | EncodedAudio, options: TranscribeOptions = {}): Promise<Transcript> {
    if (options.language && !/^en\b/i.test(options.language)) {
      throw new BadInputError(`pocketsphinx recognises English only, not ${options.language}`);
    }
    const clip = await toSpeechClip(audio, options.signal);
    const durationMs = audioDurationMs(clip);
    if (clip.samples.length === 0) return { text: "", words: [], durationMs };
    // A file, not stdin: Node's child stdin is a socket, which pocketsphinx cannot open as `-infile /dev/stdin`.
    const file = join(
      tmpdir(),
      `aitwin-sphinx-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.raw`,
    );
    await writeFile(file, samplesToPcm(clip.samples));
    try {
      return parsePocketsphinxOutput(await this.run(file, options.signal), durationMs);
    } finally {
      await unlink(file).catch(() => {});
    }
  }

  private run(file: string, signal: AbortSignal | undefined): Promise<string> {
    const { binary, modelDir } = this.install;
    const args = [
      ["-infile", file],
      ["-hmm", `${modelDir}/en-us`],
      ["-lm", `${modelDir}/en-us.lm.bin`],
      ["-dict", `${modelDir}/cmudict-en-us.dict`],
      ["-logfn", "/dev/null"],
      ["-time", "yes"],
    ].flat();
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], signal });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        if (stderr.length < 4096) stderr += chunk.toString();
      });
      child.on("error", (error) => {
        if (error.name === "AbortError") reject(new CancelledError());
        else
          reject(
            new ProviderError("pocketsphinx", `cannot run ${binary}: ${error.message}`, { cause: error }),
          );
      });
      child.on("close", (code) => {
        if (code === 0) return resolve(stdout);
        const reason = stderr.split("\n").find((line) => line.trim()) ?? `exit code ${code}`;
        reject(new ProviderError("pocketsphinx", reason.trim()));
      });
    });
  }
}
