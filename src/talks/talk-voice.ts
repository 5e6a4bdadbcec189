import { BadInputError } from "../core/errors.js";
import type { Synthesizer, VoiceInfo } from "../core/synthesizer.js";
import { parseTunedVoice } from "../voice/tuned-voice.js";
import { TALK_PROVIDER_TYPES, type VoiceTraits, voiceTraits } from "./did-voices.js";

/** `script.provider` as a D-ID client sends it. */
export interface RequestedVoice {
  type: string;
  voice_id?: string;
  voice_config?: { rate?: string | number; pitch?: string | number; style?: string };
}

/** The local voice that speaks a talk: its id (the synthesizer's default when absent), rate, and a label to report. */
export interface TalkVoice {
  voiceId?: string;
  rate?: number;
  /** `<synthesizer provider>:<voice id>`, e.g. `flite:slt`. */
  spoke: string;
}

const MIN_RATE = 0.5;
const MAX_RATE = 2;
/** SSML's named rates, as Azure reads them (D-ID passes Microsoft's `voice_config.rate` on as SSML prosody). */
const NAMED_RATES: Readonly<Record<string, number>> = {
  "x-slow": 0.5,
  slow: 0.64,
  medium: 1,
  default: 1,
  fast: 1.55,
  "x-fast": 2,
};

/**
 * Chooses the local voice for a talk's `script.provider`: one of ours by id, else the closest by gender and locale
 * to the D-ID voice asked for. The voice's own provider is not called here (none is configured for talks yet).
 */
export async function resolveTalkVoice(
  synthesizer: Synthesizer,
  requested: RequestedVoice | undefined,
): Promise<TalkVoice> {
  const voices = await synthesizer.voices();
  const label = (id: string | undefined) => `${synthesizer.provider}:${id ?? voices[0]?.id ?? "default"}`;
  if (!requested) return { spoke: label(undefined) };
  if (!(TALK_PROVIDER_TYPES as readonly string[]).includes(requested.type)) {
    throw new BadInputError(
      `script.provider.type: unknown provider "${requested.type}" (one of ${TALK_PROVIDER_TYPES.join(", ")})`,
    );
  }
  const rate = parseRate(requested.voice_config?.rate);
  const id = requested.voice_id;
  let voiceId: string | undefined;
  if (
    id !== undefined &&
    (voices.some((voice) => voice.id === id) || isTunedVoice(voices, requested.type, id))
  )
    voiceId = id;
  else if (requested.type === "aitwin" && id !== undefined) {
    const known = voices.map((voice) => voice.id).join(", ");
    throw new BadInputError(`script.provider.voice_id: unknown voice "${id}" (voices here: ${known})`);
  } else if (id !== undefined) voiceId = closestVoice(voices, voiceTraits(requested.type, id))?.id;
  return {
    ...(voiceId !== undefined && { voiceId }),
    ...(rate !== undefined && { rate }),
    spoke: label(voiceId),
  };
}

/** A twin's voice tuned to its person (`slt,pitch=…`), which the page sends for its talks; checked in full here. */
function isTunedVoice(voices: VoiceInfo[], type: string, id: string): boolean {
  if (type !== "aitwin") return false;
  const tuned = parseTunedVoice(id);
  return tuned !== undefined && voices.some((voice) => voice.id === tuned.base);
}

/** Gender first, then the exact locale, then the language; ties go to the earlier (the provider's preferred) voice. */
function closestVoice(voices: VoiceInfo[], traits: VoiceTraits): VoiceInfo | undefined {
  if (!traits.gender && !traits.locale) return undefined;
  const language = traits.locale?.split("-")[0];
  const score = (voice: VoiceInfo) =>
    (traits.gender && voice.gender === traits.gender ? 4 : 0) +
    (traits.locale && voice.language === traits.locale
      ? 2
      : language && voice.language.split("-")[0] === language
        ? 1
        : 0);
  let best: VoiceInfo | undefined;
  for (const voice of voices) if (!best || score(voice) > score(best)) best = voice;
  return best;
}

/** A rate multiplier from `voice_config.rate`: `1.2`, `"1.2"`, `"+20%"`, `"-10%"` or SSML's `"slow"`…`"x-fast"`. */
function parseRate(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim().toLowerCase();
  const percent = /^([+-]?\d+(?:\.\d+)?)%$/.exec(text);
  const rate = percent ? 1 + Number(percent[1]) / 100 : (NAMED_RATES[text] ?? Number(text));
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new BadInputError(
      `script.provider.voice_config.rate: "${value}" is not a rate (a multiplier such as 1.2, a percentage such as +20%, or slow/fast)`,
    );
  }
  const clamped = Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
  return clamped === 1 ? undefined : clamped;
}
