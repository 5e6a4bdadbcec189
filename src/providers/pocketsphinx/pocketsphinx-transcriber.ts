import { toSpeechClip } from "../../audio-input/decode-audio.js";
import { type AudioClip, audioDurationMs, type EncodedAudio } from "../../core/audio.js";
import { BadInputError, throwIfAborted } from "../../core/errors.js";
import type {
  TranscribeOptions,
  Transcriber,
  Transcript,
  TranscriptionStream,
} from "../../core/transcriber.js";
import type { PocketsphinxInstall } from "./pocketsphinx-install.js";
import { PocketsphinxStream } from "./pocketsphinx-process.js";

/**
 * CMU PocketSphinx (Debian `pocketsphinx`), one process per request or stream, fed raw 16 kHz PCM through a pipe. English only, and far
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
    // The whole clip through the same pipe a live stream uses; an abort kills the process.
    throwIfAborted(options.signal);
    const stream = new PocketsphinxStream(this.install);
    const cancel = () => stream.cancel();
    options.signal?.addEventListener("abort", cancel, { once: true });
    try {
      stream.write(clip.samples);
      return await stream.finish();
    } finally {
      options.signal?.removeEventListener("abort", cancel);
    }
  }

  /** Recognises while the audio arrives: a 3 s question is decoded as it is spoken, not after. */
  openStream(options: TranscribeOptions = {}): TranscriptionStream {
    englishOnly(options);
    return new PocketsphinxStream(this.install);
  }
}

function englishOnly(options: TranscribeOptions): void {
  if (options.language && !/^en\b/i.test(options.language)) {
    throw new BadInputError(`pocketsphinx recognises English only, not ${options.language}`);
  }
}
