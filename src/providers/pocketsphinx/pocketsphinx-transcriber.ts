import { spawn } from "node:child_process";
import { unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toSpeechClip } from "../../audio-input/decode-audio.js";
import { samplesToPcm } from "../../audio-input/pcm.js";
import { type AudioClip, audioDurationMs, type EncodedAudio } from "../../core/audio.js";
import { BadInputError, CancelledError } from "../../core/errors.js";
import type {
  TranscribeOptions,
  Transcriber,
  Transcript,
  TranscriptionStream,
} from "../../core/transcriber.js";
import type { PocketsphinxInstall } from "./pocketsphinx-install.js";
import { parsePocketsphinxOutput } from "./pocketsphinx-output.js";
import { PocketsphinxStream, pocketsphinxArgs, pocketsphinxOutput } from "./pocketsphinx-process.js";

/**
 * CMU PocketSphinx (Debian `pocketsphinx`), spawned per request on raw 16 kHz PCM. English only, and far
 * less accurate than whisper, but it needs no download: the offline recogniser that is there out of the box.
 */
export class PocketsphinxTranscriber implements Transcriber {
  readonly provider = "pocketsphinx";
  readonly modelId = "cmusphinx-en-us-5.2";

  constructor(private readonly install: PocketsphinxInstall) {}

  async transcribe(audio: AudioClip | EncodedAudio, options: TranscribeOptions = {}): Promise<Transcript> {
    englishOnly(options);
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

  /** Recognises while the audio arrives: a 3 s question is decoded as it is spoken, not after. */
  openStream(options: TranscribeOptions = {}): TranscriptionStream {
    englishOnly(options);
    return new PocketsphinxStream(this.install);
  }

  private run(file: string, signal: AbortSignal | undefined): Promise<string> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    const { binary } = this.install;
    const child = spawn(binary, pocketsphinxArgs(this.install, file), {
      stdio: ["ignore", "pipe", "pipe"],
      signal,
    });
    return pocketsphinxOutput(child, binary);
  }
}

function englishOnly(options: TranscribeOptions): void {
  if (options.language && !/^en\b/i.test(options.language)) {
    throw new BadInputError(`pocketsphinx recognises English only, not ${options.language}`);
  }
}
