import type { AudioClip } from "../../core/audio.js";
import { BadInputError, ProviderError } from "../../core/errors.js";
import type { Speech, SynthesisRequest, Synthesizer, VoiceInfo } from "../../core/synthesizer.js";
import { visemesFromAudio } from "../../voice/audio-visemes.js";
import { checkTextLength } from "../../voice/text-preparation.js";
import { decodeWav } from "../../voice/wav.js";
import { OpenAiClient, type OpenAiOptions } from "./openai-client.js";
import { OPENAI_DEFAULT_SPEECH_MODEL } from "./openai-models.js";
import { OPENAI_DEFAULT_VOICE, OPENAI_VOICES } from "./openai-voices.js";

export { OPENAI_DEFAULT_SPEECH_MODEL };

/** The speech endpoint's `input` limit. */
const MAX_INPUT_CHARACTERS = 4096;
/** What `response_format: "pcm"` means: 24 kHz, 16-bit little-endian, mono, no header. */
const RAW_PCM_RATE = 24_000;

export interface OpenAiSynthesizerOptions extends OpenAiOptions {
  /** Default gpt-4o-mini-tts. */
  model?: string;
  defaultVoice?: string;
  /** The voices the server has; OpenAI's own by default (a compatible server may name others). */
  voices?: VoiceInfo[];
}

/**
 * Speech from the TTS endpoint. It gives no timing, so the face's visemes are read from the audio itself. WAV is
 * asked for so no decoder is needed; a server that answers raw PCM instead is read as OpenAI's 24 kHz PCM.
 */
export function createOpenAiSynthesizer(options: OpenAiSynthesizerOptions = {}): Synthesizer {
  const client = new OpenAiClient(options);
  const model = options.model ?? OPENAI_DEFAULT_SPEECH_MODEL;
  const voices = options.voices ?? OPENAI_VOICES;
  return {
    provider: "openai",
    modelId: model,
    voices: async () => voices.map((voice) => ({ ...voice })),
    async synthesize(request: SynthesisRequest): Promise<Speech> {
      const text = (request.text ?? "").trim();
      if (!text) throw new BadInputError("text is empty");
      checkTextLength(text, MAX_INPUT_CHARACTERS);
      const voice = request.voice ?? options.defaultVoice ?? OPENAI_DEFAULT_VOICE;
      if (!voices.some((each) => each.id === voice)) {
        throw new BadInputError(
          `unknown voice "${voice}"; openai has: ${voices.map((each) => each.id).join(", ")}`,
        );
      }
      const speed = request.rate ?? 1;
      if (!(speed >= 0.25 && speed <= 4))
        throw new BadInputError(`rate must be between 0.25 and 4, not ${speed}`);
      const response = await client.request({
        path: "/audio/speech",
        json: { model, input: text, voice, response_format: "wav", speed },
        signal: request.signal,
        action: `speech with model ${model}`,
      });
      const type = response.headers.get("content-type") ?? "";
      const audio = decodeSpeech(new Uint8Array(await response.arrayBuffer()), type);
      const duration = Math.round((audio.samples.length / audio.sampleRate) * 1000);
      return { audio, timeline: { duration, words: [], visemes: visemesFromAudio(audio) } };
    },
  };
}

function decodeSpeech(bytes: Uint8Array, contentType: string): AudioClip {
  if (bytes.length < 2) throw new ProviderError("openai", "speech came back empty");
  if (String.fromCharCode(...bytes.subarray(0, 4)) === "RIFF") {
    try {
      return decodeWav(bytes);
    } catch (error) {
      throw new ProviderError("openai", `speech came back as unreadable WAV: ${(error as Error).message}`);
    }
  }
  // A server that ignored response_format and sent a compressed format must not be misread as PCM noise.
  if (!/pcm|l16|octet-stream/i.test(contentType)) {
    throw new ProviderError(
      "openai",
      `speech came back as ${contentType || "an unknown type"}; need WAV or PCM`,
    );
  }
  const samples = new Int16Array(Math.floor(bytes.length / 2));
  const view = new DataView(bytes.buffer, bytes.byteOffset, samples.length * 2);
  for (let index = 0; index < samples.length; index++) samples[index] = view.getInt16(index * 2, true);
  return { sampleRate: RAW_PCM_RATE, samples };
}
