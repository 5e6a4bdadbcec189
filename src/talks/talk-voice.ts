import { BadInputError } from "../core/errors.js";
import type { Synthesizer, VoiceInfo } from "../core/synthesizer.js";
import { TUNABLE_FLITE_VOICES } from "../providers/flite/flite-voices.js";
import { formatTunedVoice, parseTunedVoice } from "../voice/tuned-voice.js";
import { TALK_PROVIDER_TYPES, type VoiceTraits, voiceTraits } from "./did-voices.js";
import { ssmlToText } from "./ssml-text.js";

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
  /** The words to say, when the script was SSML. */
  input?: string;
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

/** SSML's named pitches, as Azure reads them, as multipliers of the voice's own. */
const NAMED_PITCHES: Readonly<Record<string, number>> = {
  "x-low": 0.8,
  low: 0.9,
  medium: 1,
  default: 1,
  high: 1.1,
  "x-high": 1.2,
};
const ELEVENLABS_PREFIX = "elevenlabs:";

/**
 * Azure's speaking styles (`voice_config.style`) as the prosody a local voice can give them: a cheerful voice is a
 * little higher and quicker, a sad one lower and slower. Styles not listed leave the voice as it is.
 */
const STYLE_PROSODY: Readonly<Record<string, { rate: number; pitch: number }>> = {
  cheerful: { rate: 1.08, pitch: 1.1 },
  excited: { rate: 1.12, pitch: 1.15 },
  friendly: { rate: 1.03, pitch: 1.05 },
  hopeful: { rate: 1.03, pitch: 1.06 },
  sad: { rate: 0.88, pitch: 0.92 },
  depressed: { rate: 0.85, pitch: 0.9 },
  calm: { rate: 0.94, pitch: 0.97 },
  gentle: { rate: 0.94, pitch: 0.98 },
  angry: { rate: 1.06, pitch: 1.04 },
  shouting: { rate: 1.05, pitch: 1.12 },
  terrified: { rate: 1.12, pitch: 1.12 },
  whispering: { rate: 0.92, pitch: 0.95 },
};

/** A requested multiplier with a style's on top, clamped; undefined when the two leave the voice as it is. */
function withStyle(value: number | undefined, style: number | undefined, max: number): number | undefined {
  if (style === undefined) return value;
  const combined = Math.min(max, (value ?? 1) * style);
  return combined === 1 ? undefined : combined;
}

/**
 * Chooses the voice for a talk's `script.provider`: an ElevenLabs voice by ElevenLabs itself when it is configured;
 * else one of ours by id, or the closest by gender and locale to the D-ID voice asked for, with its rate and pitch.
 */
export async function resolveTalkVoice(
  synthesizer: Synthesizer,
  requested: RequestedVoice | undefined,
  /** The script's input when D-ID's `ssml` is true: its words are said, its prosody followed. */
  ssml?: string,
): Promise<TalkVoice> {
  const spoken = ssml === undefined ? undefined : ssmlToText(ssml);
  const said = spoken && { input: spoken.text };
  const voices = await synthesizer.voices();
  // With ElevenLabs configured the local voices still speak beside it: they are flite's.
  const local = synthesizer.provider === "elevenlabs" ? "flite" : synthesizer.provider;
  const label = (id: string | undefined) =>
    id?.startsWith(ELEVENLABS_PREFIX) ? id : `${local}:${id ?? voices[0]?.id ?? "default"}`;
  if (!requested && !spoken?.rate && !spoken?.pitch) return { spoke: label(undefined), ...said };
  requested ??= { type: "aitwin" };
  if (!(TALK_PROVIDER_TYPES as readonly string[]).includes(requested.type)) {
    throw new BadInputError(
      `script.provider.type: unknown provider "${requested.type}" (one of ${TALK_PROVIDER_TYPES.join(", ")})`,
    );
  }
  const style = STYLE_PROSODY[requested.voice_config?.style?.toLowerCase() ?? ""];
  const rate = withStyle(parseRate(requested.voice_config?.rate ?? spoken?.rate), style?.rate, MAX_RATE);
  const pitch = withStyle(parsePitch(requested.voice_config?.pitch ?? spoken?.pitch), style?.pitch, 1.5);
  const id = requested.voice_id;
  let voiceId: string | undefined;
  const cloud = voices.some((voice) => voice.id.startsWith(ELEVENLABS_PREFIX));
  if (requested.type === "elevenlabs" && id !== undefined && cloud) voiceId = `${ELEVENLABS_PREFIX}${id}`;
  else if (
    id !== undefined &&
    (voices.some((voice) => voice.id === id) || isTunedVoice(voices, requested.type, id))
  )
    voiceId = id;
  else if (requested.type === "aitwin" && id !== undefined) {
    const known = voices.map((voice) => voice.id).join(", ");
    throw new BadInputError(`script.provider.voice_id: unknown voice "${id}" (voices here: ${known})`);
  } else if (id !== undefined)
    voiceId = closestVoice(localVoices(voices), voiceTraits(requested.type, id))?.id;
  if (pitch !== undefined) voiceId = pitched(voiceId ?? voices[0]?.id, pitch) ?? voiceId;
  return {
    ...(voiceId !== undefined && { voiceId }),
    ...(rate !== undefined && { rate }),
    spoke: label(voiceId),
    ...said,
  };
}

/** A twin's voice tuned to its person (`slt,pitch=…`), which the page sends for its talks; checked in full here. */
function isTunedVoice(voices: VoiceInfo[], type: string, id: string): boolean {
  if (type !== "aitwin") return false;
  const tuned = parseTunedVoice(id);
  return tuned !== undefined && voices.some((voice) => voice.id === tuned.base);
}

function localVoices(voices: VoiceInfo[]): VoiceInfo[] {
  return voices.filter((voice) => !voice.id.startsWith(ELEVENLABS_PREFIX));
}

/** A local voice moved to a pitch: a tuned voice on its base (rms and cloud voices keep their own pitch). */
function pitched(voiceId: string | undefined, factor: number): string | undefined {
  if (voiceId === undefined) return undefined;
  const tuned = parseTunedVoice(voiceId);
  const base = TUNABLE_FLITE_VOICES.find((voice) => voice.id === (tuned?.base ?? voiceId));
  if (!base) return undefined;
  const mean = (tuned?.pitch ?? base.pitch) * factor;
  return formatTunedVoice({
    base: base.id,
    pitch: mean,
    spread: tuned?.spread ?? mean * 0.06,
    stretch: tuned?.stretch ?? 1,
    ...(tuned?.tilt !== undefined && { tilt: tuned.tilt }),
  });
}

/** A pitch multiplier from `voice_config.pitch`: `"+10%"`, `"-5%"`, `"+2st"`, `1.1` or SSML's `"x-low"`…`"x-high"`. */
function parsePitch(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim().toLowerCase();
  const percent = /^([+-]?\d+(?:\.\d+)?)%$/.exec(text);
  const semitones = /^([+-]?\d+(?:\.\d+)?)st$/.exec(text);
  const factor = percent
    ? 1 + Number(percent[1]) / 100
    : semitones
      ? 2 ** (Number(semitones[1]) / 12)
      : (NAMED_PITCHES[text] ?? Number(text));
  if (!Number.isFinite(factor) || factor <= 0) {
    throw new BadInputError(
      `script.provider.voice_config.pitch: "${value}" is not a pitch (a percentage such as +10%, semitones such as -2st, or low/high)`,
    );
  }
  const clamped = Math.min(1.5, Math.max(0.6, factor));
  return clamped === 1 ? undefined : clamped;
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
