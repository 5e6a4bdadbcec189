import { BadInputError, ProviderError, throwIfAborted } from "../../core/errors.js";
import type { Speech, SynthesisRequest, Synthesizer } from "../../core/synthesizer.js";
import { fitPhonesToAudio } from "../../voice/phone-audio-fit.js";
import { segmentsFromEndTimes } from "../../voice/phone-segments.js";
import { visemesFromPhones } from "../../voice/phoneme-timeline.js";
import { checkTextLength, prepareText } from "../../voice/text-preparation.js";
import { decodeWav } from "../../voice/wav.js";
import { alignWords, type WordPhones } from "../../voice/word-alignment.js";
import { runFlite } from "./flite-module.js";
import { parsePhoneEndTimes, parsePhoneLines } from "./flite-output.js";
import {
  DEFAULT_FLITE_VOICE,
  FLITE_VOICES,
  FRONT_END_VOICE,
  VOICE_DURATION_STRETCH,
} from "./flite-voices.js";

export interface FliteSynthesizerOptions {
  /** Voice used when a request names none; `slt` by default. */
  defaultVoice?: string;
}

const MIN_RATE = 0.5;
const MAX_RATE = 2;

/** Offline speech from flite (CMU, BSD-like licence) compiled to WASM: audio, phone-timed visemes and word times. */
export function createFliteSynthesizer(options: FliteSynthesizerOptions = {}): Synthesizer {
  const defaultVoice = options.defaultVoice ?? DEFAULT_FLITE_VOICE;
  return {
    provider: "flite",
    modelId: "flite-2.3",
    voices: async () => FLITE_VOICES.map((voice) => ({ ...voice })),
    async synthesize(request: SynthesisRequest): Promise<Speech> {
      throwIfAborted(request.signal);
      checkTextLength(request.text ?? "");
      const voice = checkVoice(request.voice ?? defaultVoice);
      const rate = checkRate(request.rate ?? 1);
      const { text } = prepareText(request.text);
      const stretch = (VOICE_DURATION_STRETCH[voice] ?? 1) / rate;
      const speech = await run([
        "-voice",
        voice,
        "--setf",
        `duration_stretch=${stretch}`,
        "-psdur",
        "-t",
        text,
      ]);
      const wav = speech.files.get("/speech.wav");
      if (!wav)
        throw new ProviderError("flite", `no audio came out (${speech.stderr.trim() || "no message"})`);
      throwIfAborted(request.signal);
      const audio = decodeWav(wav);
      const phones = fitPhonesToAudio(segmentsFromEndTimes(parsePhoneEndTimes(speech.stdout)), audio);
      const words = alignWords(await wordPhones(text), phones);
      const duration = Math.round((audio.samples.length / audio.sampleRate) * 1000);
      return { audio, timeline: { duration, words, visemes: visemesFromPhones(phones) } };
    },
  };
}

function checkVoice(voice: string): string {
  if (FLITE_VOICES.some((each) => each.id === voice)) return voice;
  const known = FLITE_VOICES.map((each) => each.id).join(", ");
  throw new BadInputError(`unknown voice "${voice}"; flite has: ${known}`);
}

function checkRate(rate: number): number {
  if (Number.isFinite(rate) && rate >= MIN_RATE && rate <= MAX_RATE) return rate;
  throw new BadInputError(
    `rate must be between ${MIN_RATE} and ${MAX_RATE} (1 is normal speed), not ${rate}`,
  );
}

async function run(args: string[], files?: Map<string, Uint8Array>) {
  try {
    const result = await runFlite([...args, "-o", "/speech.wav"], files);
    if (result.exitCode !== 0) throw new Error(`exit code ${result.exitCode}: ${result.stderr.trim()}`);
    return result;
  } catch (error) {
    throw new ProviderError("flite", `synthesis failed: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The phones of each word said alone, from one extra run of the cheapest voice's front end: flite reads a file with
 * each word in its own paragraph as one utterance per word and prints a line of phones for each.
 */
async function wordPhones(text: string): Promise<WordPhones[]> {
  const tokens = text.split(" ").filter((token) => /[A-Za-z0-9]/.test(token));
  const file = new TextEncoder().encode(`${tokens.join("\n\n")}\n\n`);
  const result = await run(
    ["-voice", FRONT_END_VOICE, "-ps", "-f", "/words.txt"],
    new Map([["/words.txt", file]]),
  );
  const lines = parsePhoneLines(result.stdout);
  // Should flite ever join two paragraphs, word times would be wrong: leave them out rather than mislead.
  if (lines.length !== tokens.length) return [];
  return tokens.map((token, index) => ({
    text: token.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, ""),
    phones: lines[index] ?? [],
  }));
}
