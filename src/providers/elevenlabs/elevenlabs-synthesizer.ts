import type { AudioClip } from "../../core/audio.js";
import { BadInputError, ProviderError } from "../../core/errors.js";
import type { Speech, SynthesisRequest, Synthesizer, VoiceInfo } from "../../core/synthesizer.js";
import { visemesFromAudio } from "../../voice/audio-visemes.js";
import { checkTextLength } from "../../voice/text-preparation.js";
import { type CharacterAlignment, timelineFromCharacters } from "./character-timeline.js";
import { ELEVENLABS_DEFAULT_MODEL, ElevenLabsClient, type ElevenLabsOptions } from "./elevenlabs-client.js";
import { pcmSamples, speechPieces } from "./speech-pieces.js";
import { readSpeechStream } from "./speech-stream.js";

export { ELEVENLABS_DEFAULT_MODEL };

/** Rachel, the premade voice ElevenLabs' own examples use. */
export const ELEVENLABS_DEFAULT_VOICE = "21m00Tcm4TlvDq8ikWAM";
/** Raw 16 kHz 16-bit PCM: no decoder needed, and the rate our recognisers and renderers use. */
export const OUTPUT_FORMAT = "pcm_16000";
export const OUTPUT_RATE = 16_000;
/** How voices are written everywhere outside this folder: `elevenlabs:<voice_id>`. */
export const VOICE_PREFIX = "elevenlabs:";
const MAX_TEXT = 5000;

export interface ElevenLabsSynthesizerOptions extends ElevenLabsOptions {
  model?: string;
  defaultVoice?: string;
}

/** What `/with-timestamps` answers (and each line of its streaming form). */
export interface TimestampedAudio {
  audio_base64?: string;
  alignment?: CharacterAlignment | null;
  normalized_alignment?: CharacterAlignment | null;
}

export interface ElevenLabsSynthesizer extends Synthesizer {
  /** Pieces of speech ending on word boundaries, from the streaming endpoint as its parts arrive. */
  synthesizeStream(request: SynthesisRequest): AsyncIterable<Speech>;
  /** Speech through the streaming endpoint: `onAudio` hears each chunk as it arrives; the whole comes back at the end. */
  streamSpeech(request: SynthesisRequest, onAudio?: (chunk: AudioClip) => void): Promise<Speech>;
}

/**
 * ElevenLabs speech with its character timings as the face's timeline (the audio-driven visemes when a response
 * has none). Voices are ElevenLabs ids, with or without the `elevenlabs:` prefix.
 */
export function createElevenLabsSynthesizer(
  options: ElevenLabsSynthesizerOptions = {},
): ElevenLabsSynthesizer {
  const client = new ElevenLabsClient(options);
  const model = options.model ?? ELEVENLABS_DEFAULT_MODEL;
  let listed: Promise<VoiceInfo[]> | undefined;
  const prepare = (request: SynthesisRequest, stream: boolean) => {
    const text = (request.text ?? "").trim();
    if (!text) throw new BadInputError("text is empty");
    checkTextLength(text, MAX_TEXT);
    const voice = voiceIdOf(request.voice ?? options.defaultVoice ?? ELEVENLABS_DEFAULT_VOICE);
    const speed = request.rate === undefined ? undefined : Math.min(1.2, Math.max(0.7, request.rate));
    return client.request({
      path: `/v1/text-to-speech/${encodeURIComponent(voice)}${stream ? "/stream" : ""}/with-timestamps?output_format=${OUTPUT_FORMAT}`,
      json: {
        text,
        model_id: model,
        ...(speed !== undefined && speed !== 1 && { voice_settings: { speed } }),
      },
      signal: request.signal,
      action: `speech with voice ${voice}`,
    });
  };
  return {
    provider: "elevenlabs",
    modelId: model,
    voices() {
      listed ??= listVoices(client);
      listed.catch(() => {
        listed = undefined;
      });
      return listed;
    },
    async synthesize(request) {
      const response = await prepare(request, false);
      const body = (await response.json()) as TimestampedAudio;
      return speechFrom([body]);
    },
    async *synthesizeStream(request) {
      const response = await prepare(request, true);
      yield* speechPieces(readSpeechStream(response, request.signal), OUTPUT_RATE);
    },
    async streamSpeech(request, onAudio) {
      const response = await prepare(request, true);
      const parts: TimestampedAudio[] = [];
      for await (const part of readSpeechStream(response, request.signal)) {
        parts.push(part);
        if (part.audio_base64 && onAudio) onAudio(pcmClip(part.audio_base64));
      }
      return speechFrom(parts);
    },
  };
}

export function voiceIdOf(voice: string): string {
  const id = voice.startsWith(VOICE_PREFIX) ? voice.slice(VOICE_PREFIX.length) : voice;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new BadInputError(`"${voice}" is not an ElevenLabs voice id`);
  return id;
}

/** Joins the parts of one utterance: their audio end to end, their alignments shifted to where each part starts. */
function speechFrom(parts: TimestampedAudio[]): Speech {
  const clips = parts.filter((part) => part.audio_base64).map((part) => pcmClip(part.audio_base64 as string));
  const total = clips.reduce((sum, clip) => sum + clip.samples.length, 0);
  if (total === 0) throw new ProviderError("elevenlabs", "speech came back without audio");
  const samples = new Int16Array(total);
  const joined: CharacterAlignment = {
    characters: [],
    character_start_times_seconds: [],
    character_end_times_seconds: [],
  };
  let offset = 0;
  let clipIndex = 0;
  let hasAlignment = false;
  for (const part of parts) {
    const alignment = part.alignment ?? part.normalized_alignment;
    const start = offset / OUTPUT_RATE;
    if (alignment?.characters.length) {
      hasAlignment = true;
      // Parts timed from their own start are shifted; parts timed from the utterance's start are kept.
      const lastEnd = joined.character_end_times_seconds.at(-1) ?? 0;
      const shift = (alignment.character_start_times_seconds[0] ?? 0) + 0.001 < lastEnd ? start : 0;
      joined.characters.push(...alignment.characters);
      joined.character_start_times_seconds.push(
        ...alignment.character_start_times_seconds.map((t) => t + shift),
      );
      joined.character_end_times_seconds.push(...alignment.character_end_times_seconds.map((t) => t + shift));
    }
    if (part.audio_base64) {
      const clip = clips[clipIndex++] as AudioClip;
      samples.set(clip.samples, offset);
      offset += clip.samples.length;
    }
  }
  const audio: AudioClip = { sampleRate: OUTPUT_RATE, samples };
  const duration = Math.round((total / OUTPUT_RATE) * 1000);
  const timeline = hasAlignment
    ? timelineFromCharacters(joined, duration)
    : { duration, words: [], visemes: visemesFromAudio(audio) };
  return { audio, timeline };
}

function pcmClip(base64: string): AudioClip {
  return { sampleRate: OUTPUT_RATE, samples: pcmSamples(base64) };
}

async function listVoices(client: ElevenLabsClient): Promise<VoiceInfo[]> {
  const response = await client.request({ method: "GET", path: "/v1/voices", action: "listing voices" });
  const body = (await response.json()) as {
    voices?: { voice_id: string; name?: string; labels?: { gender?: string; accent?: string } }[];
  };
  return (body.voices ?? []).map((voice) => ({
    id: `${VOICE_PREFIX}${voice.voice_id}`,
    name: `${voice.name ?? voice.voice_id} (ElevenLabs)`,
    gender:
      voice.labels?.gender === "female" ? "female" : voice.labels?.gender === "male" ? "male" : "neutral",
    language: /british/i.test(voice.labels?.accent ?? "") ? "en-GB" : "en-US",
  }));
}
