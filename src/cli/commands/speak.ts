import { writeFile } from "node:fs/promises";
import { Command } from "commander";
import { BadInputError, ConfigError } from "../../core/errors.js";
import type { Speech, Synthesizer } from "../../core/synthesizer.js";
import { selectProvider } from "../../providers/select.js";
import { joinSpeech } from "../../voice/join-speech.js";
import { splitSentences } from "../../voice/sentence-splitter.js";
import { prepareText } from "../../voice/text-preparation.js";
import { encodeWav } from "../../voice/wav.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";

/** Long text is spoken sentence by sentence; this only stops a pasted book from running for minutes. */
const MAX_CLI_CHARACTERS = 100_000;

interface SpeakOptions {
  output?: string;
  voice?: string;
  rate?: string;
  visemes?: string;
  listVoices?: boolean;
  json?: boolean;
}

export function speakCommand(context: CliContext): Command {
  return new Command("speak")
    .description("speech and its viseme timeline: writes a WAV, and the timeline as JSON on request")
    .argument("[text...]", "what to say")
    .option("-o, --output <file>", "WAV file to write (16-bit PCM, mono)")
    .option("--voice <id>", "voice to speak with (see --list-voices)")
    .option("--rate <n>", "speaking rate, 1 = normal (0.5–2)")
    .option("--visemes <file>", "also write the word and viseme timeline as JSON")
    .option("--list-voices", "list the voices and exit")
    .option("--json", "machine-readable output")
    .action(async (words: string[], options: SpeakOptions) => {
      const synthesizer = await selectProvider("speech", context.config());
      if (!synthesizer) throw new ConfigError("no speech provider is available (see aitwin doctor)");
      if (options.listVoices) return listVoices(context, synthesizer, options.json);
      const text = words.join(" ");
      if (!options.output) throw new BadInputError("say where to write the audio: -o OUT.wav");
      if (text.length > MAX_CLI_CHARACTERS) {
        throw new BadInputError(
          `text is ${text.length} characters; aitwin speak takes at most ${MAX_CLI_CHARACTERS}`,
        );
      }
      const prepared = prepareText(text);
      const rate = options.rate === undefined ? undefined : Number(options.rate);
      const parts: Speech[] = [];
      for (const sentence of splitSentences(prepared.text)) {
        parts.push(await synthesizer.synthesize({ text: sentence, voice: options.voice, rate }));
      }
      const speech = joinSpeech(parts);
      await write(options.output, encodeWav(speech.audio));
      if (options.visemes) await write(options.visemes, `${JSON.stringify(speech.timeline, null, 2)}\n`);
      const summary = {
        output: options.output,
        visemes: options.visemes ?? null,
        voice: options.voice ?? "default",
        provider: synthesizer.provider,
        sampleRate: speech.audio.sampleRate,
        duration: speech.timeline.duration,
        sentences: parts.length,
        words: speech.timeline.words.length,
        skipped: prepared.skipped,
      };
      if (options.json) return printJson(context.output, summary);
      const seconds = (summary.duration / 1000).toFixed(1);
      context.output.out(`wrote ${summary.output} (${seconds} s, voice ${summary.voice})\n`);
      if (options.visemes)
        context.output.out(`wrote ${options.visemes} (${speech.timeline.visemes.length} visemes)\n`);
      if (prepared.skipped.length) {
        context.output.err(
          `aitwin: skipped what the voice cannot say: ${prepared.skipped.slice(0, 12).join(" ")}\n`,
        );
      }
    });
}

async function listVoices(context: CliContext, synthesizer: Synthesizer, json?: boolean): Promise<void> {
  const voices = await synthesizer.voices();
  if (json) return printJson(context.output, { provider: synthesizer.provider, voices });
  const rows = voices.map(
    (voice) => `${voice.id.padEnd(8)} ${voice.gender.padEnd(7)} ${voice.language.padEnd(6)} ${voice.name}`,
  );
  context.output.out(`${["id       gender  lang   name", ...rows].join("\n")}\n`);
}

async function write(path: string, data: Uint8Array | string): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (error) {
    throw new BadInputError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}`, {
      cause: error,
    });
  }
}
