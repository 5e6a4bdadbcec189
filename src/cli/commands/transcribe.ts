import { stat } from "node:fs/promises";
import { Command } from "commander";
import { decodeAudio } from "../../audio-input/decode-audio.js";
import { SileroVad } from "../../audio-input/silero-vad.js";
import { trimToSpeech } from "../../audio-input/trim-speech.js";
import { wordErrorRate } from "../../audio-input/word-error-rate.js";
import { audioDurationMs } from "../../core/audio.js";
import { BadInputError, ConfigError } from "../../core/errors.js";
import { selectProvider } from "../../providers/select.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";

/** Files over this are refused before decoding: five minutes of even uncompressed 48 kHz stereo fits. */
const MAX_FILE_BYTES = 200 * 1024 * 1024;

interface TranscribeOptions {
  json?: boolean;
  reference?: string;
  language?: string;
  trim: boolean;
}

export function transcribeCommand(context: CliContext): Command {
  return new Command("transcribe")
    .description("speech-to-text of an audio file (any format ffmpeg reads, up to 5 minutes)")
    .argument("<audio>", "the audio file")
    .option("--json", "print the transcript as JSON")
    .option("--reference <text>", "what was said, to report the word error rate")
    .option("--language <code>", "language hint, e.g. en")
    .option("--no-trim", "do not cut leading and trailing silence (voice activity detection)")
    .action(async (file: string, options: TranscribeOptions) => {
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) throw new BadInputError(`cannot read ${file}: no such file`);
      if (info.size > MAX_FILE_BYTES) throw new BadInputError(`${file} is larger than 200 MB`);
      const transcriber = await selectProvider("speech-to-text", context.config());
      if (!transcriber) {
        throw new ConfigError(
          "no speech-to-text provider is available: apt install pocketsphinx pocketsphinx-en-us, or aitwin models pull whisper-base.en",
        );
      }
      const clip = await decodeAudio(file);
      const speech = options.trim ? await trimToSpeech(clip, await SileroVad.create()) : clip;
      const started = performance.now();
      const transcript = speech
        ? await transcriber.transcribe(speech, { language: options.language })
        : { text: "", words: [], durationMs: 0 };
      const elapsedMs = performance.now() - started;
      const durationMs = audioDurationMs(clip);
      const errorRate =
        options.reference === undefined ? undefined : wordErrorRate(options.reference, transcript.text);
      if (options.json) {
        printJson(context.output, {
          text: transcript.text,
          words: transcript.words ?? [],
          durationMs: Math.round(durationMs),
          speechMs: Math.round(speech ? audioDurationMs(speech) : 0),
          provider: transcriber.provider,
          model: transcriber.modelId,
          realTimeFactor: speech ? Number((elapsedMs / audioDurationMs(speech)).toFixed(3)) : 0,
          ...(errorRate === undefined ? {} : { wordErrorRate: Number(errorRate.toFixed(4)) }),
        });
        return;
      }
      context.output.out(`${transcript.text}\n`);
      if (errorRate !== undefined) {
        context.output.err(`word error rate ${(errorRate * 100).toFixed(1)}% (${transcriber.provider})\n`);
      }
    });
}
