import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { toSpeechClip } from "../../audio-input/decode-audio.js";
import { type AudioClip, audioDurationMs, type EncodedAudio } from "../../core/audio.js";
import { CancelledError, ProviderError, throwIfAborted } from "../../core/errors.js";
import type { TranscribeOptions, Transcriber, Transcript } from "../../core/transcriber.js";
import { type WhisperContext, whisperModule } from "./whisper-binding.js";

export interface WhisperOptions {
  modelPath: string;
  threads?: number;
}

/**
 * whisper.cpp through `@fugood/whisper.node` (prebuilt, CPU). The model is loaded on first use and kept; requests
 * run one at a time, because a whisper context is not re-entrant.
 */
export class WhisperCppTranscriber implements Transcriber {
  readonly provider = "whisper-cpp";
  readonly modelId: string;
  private context: Promise<WhisperContext> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WhisperOptions) {
    this.modelId = basename(options.modelPath).replace(/^ggml-|\.bin$/g, "");
  }

  /** Loads the model now; a file that is not a whisper ggml model is a ProviderError naming it. */
  load(): Promise<WhisperContext> {
    this.context ??= (async () => {
      const binding = whisperModule();
      // whisper.cpp logs every layer it loads to stderr; keep the terminal for the conversation.
      (await binding.loadWhisperModule()).WhisperContext.toggleNativeLog(true, () => {});
      return binding.initWhisper({ filePath: this.options.modelPath, useGpu: false });
    })().catch((error: unknown) => {
      this.context = undefined;
      throw new ProviderError(
        "whisper-cpp",
        `cannot load ${this.options.modelPath} as a whisper ggml model (${(error as Error).message})`,
        { cause: error },
      );
    });
    return this.context;
  }

  async transcribe(audio: AudioClip | EncodedAudio, options: TranscribeOptions = {}): Promise<Transcript> {
    const clip = await toSpeechClip(audio, options.signal);
    const durationMs = audioDurationMs(clip);
    if (clip.samples.length === 0) return { text: "", words: [], durationMs };
    const context = await this.load();
    const run = this.queue.then(() => this.run(context, clip, options));
    this.queue = run.catch(() => {});
    const result = await run;
    return {
      text: result.result.trim().replace(/\s+/g, " "),
      // whisper segment times are in centiseconds.
      words: result.segments.map((segment) => ({
        text: segment.text.trim(),
        start: segment.t0 * 10,
        duration: (segment.t1 - segment.t0) * 10,
      })),
      durationMs,
    };
  }

  private async run(context: WhisperContext, clip: AudioClip, options: TranscribeOptions) {
    throwIfAborted(options.signal);
    const pcm = clip.samples.slice().buffer;
    const job = context.transcribeData(pcm, {
      language: options.language?.slice(0, 2) ?? "en",
      maxThreads: this.options.threads ?? Math.max(1, availableParallelism() - 1),
    });
    const stop = () => void job.stop().catch(() => {});
    options.signal?.addEventListener("abort", stop, { once: true });
    try {
      const result = await job.promise;
      if (result.isAborted || options.signal?.aborted) throw new CancelledError();
      return result;
    } finally {
      options.signal?.removeEventListener("abort", stop);
    }
  }

  async close(): Promise<void> {
    const context = await this.context?.catch(() => undefined);
    this.context = undefined;
    await context?.release();
  }
}
