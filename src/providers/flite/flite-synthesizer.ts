import { BadInputError, ProviderError, throwIfAborted } from "../../core/errors.js";
import type { Speech, SynthesisRequest, Synthesizer } from "../../core/synthesizer.js";
import { fitPhonesToAudio } from "../../voice/phone-audio-fit.js";
import { segmentsFromEndTimes } from "../../voice/phone-segments.js";
import { visemesFromPhones } from "../../voice/phoneme-timeline.js";
import { applySpectralTilt } from "../../voice/spectral-tilt.js";
import { checkTextLength, prepareText } from "../../voice/text-preparation.js";
import { parseTunedVoice, type TunedVoice } from "../../voice/tuned-voice.js";
import { decodeWav } from "../../voice/wav.js";
import { alignWords } from "../../voice/word-alignment.js";
import { runFlite } from "./flite-module.js";
import { parsePhoneEndTimes } from "./flite-output.js";
import {
  DEFAULT_FLITE_VOICE,
  FLITE_VOICES,
  TUNABLE_FLITE_VOICES,
  VOICE_DURATION_STRETCH,
} from "./flite-voices.js";
import { createWordPhones } from "./word-phones.js";

export interface FliteSynthesizerOptions {
  /** Voice used when a request names none; `slt` by default. */
  defaultVoice?: string;
}

const MIN_RATE = 0.5;
const MAX_RATE = 2;

/** Offline speech from flite (CMU, BSD-like licence) compiled to WASM: audio, phone-timed visemes and word times. */
export function createFliteSynthesizer(options: FliteSynthesizerOptions = {}): Synthesizer {
  const defaultVoice = options.defaultVoice ?? DEFAULT_FLITE_VOICE;
  const wordPhones = createWordPhones(run);
  return {
    provider: "flite",
    modelId: "flite-2.3",
    voices: async () => FLITE_VOICES.map((voice) => ({ ...voice })),
    async synthesize(request: SynthesisRequest): Promise<Speech> {
      throwIfAborted(request.signal);
      checkTextLength(request.text ?? "");
      const { voice, tuning } = checkVoice(request.voice ?? defaultVoice);
      const rate = checkRate(request.rate ?? 1);
      const { text } = prepareText(request.text);
      const stretch = ((VOICE_DURATION_STRETCH[voice] ?? 1) * (tuning?.stretch ?? 1)) / rate;
      const speech = await run([
        "-voice",
        voice,
        "--setf",
        `duration_stretch=${stretch}`,
        ...(tuning
          ? [
              "--setf",
              `int_f0_target_mean=${tuning.pitch}`,
              "--setf",
              `int_f0_target_stddev=${tuning.spread}`,
            ]
          : []),
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
      const timeline = { duration, words, visemes: visemesFromPhones(phones) };
      return { audio: applySpectralTilt(audio, tuning?.tilt ?? 0), timeline };
    },
  };
}

/** A voice of ours, or one tuned to a person (`slt,pitch=…`: see `src/voice/tuned-voice.ts`). */
function checkVoice(id: string): { voice: string; tuning?: TunedVoice } {
  const tuning = parseTunedVoice(id);
  if (tuning) {
    const tunable = TUNABLE_FLITE_VOICES.map((each) => each.id);
    if (tunable.includes(tuning.base)) return { voice: tuning.base, tuning };
    throw new BadInputError(`voice "${id}": only ${tunable.join(", ")} can be tuned`);
  }
  if (FLITE_VOICES.some((each) => each.id === id)) return { voice: id };
  const known = FLITE_VOICES.map((each) => each.id).join(", ");
  throw new BadInputError(`unknown voice "${id}"; flite has: ${known}`);
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
