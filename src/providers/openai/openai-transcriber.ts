import type { AudioClip, EncodedAudio } from "../../core/audio.js";
import type { TranscribeOptions, Transcriber, Transcript } from "../../core/transcriber.js";
import { audioUpload } from "./audio-upload.js";
import { OpenAiClient, type OpenAiOptions } from "./openai-client.js";
import { OPENAI_DEFAULT_TRANSCRIPTION_MODEL } from "./openai-models.js";

export { OPENAI_DEFAULT_TRANSCRIPTION_MODEL };

export interface OpenAiTranscriberOptions extends OpenAiOptions {
  /** Default gpt-4o-mini-transcribe; `whisper-1` (and whisper servers) also give word times. */
  model?: string;
}

interface TranscriptionBody {
  text?: string;
  duration?: number;
  words?: { word: string; start: number; end: number }[];
  usage?: { type?: string; seconds?: number };
}

/** Speech-to-text by the transcription endpoint (multipart upload). */
export function createOpenAiTranscriber(options: OpenAiTranscriberOptions = {}): Transcriber {
  const client = new OpenAiClient(options);
  const model = options.model ?? OPENAI_DEFAULT_TRANSCRIPTION_MODEL;
  // Only whisper models answer verbose_json with word times; the gpt-4o transcribers refuse it.
  const verbose = /whisper/i.test(model);
  return {
    provider: "openai",
    modelId: model,
    async transcribe(audio: AudioClip | EncodedAudio, settings: TranscribeOptions = {}): Promise<Transcript> {
      const upload = audioUpload(audio);
      const form = () => {
        const data = new FormData();
        data.set("file", new Blob([upload.bytes], { type: upload.mimeType }), upload.filename);
        data.set("model", model);
        data.set("response_format", verbose ? "verbose_json" : "json");
        if (verbose) data.append("timestamp_granularities[]", "word");
        // The API takes ISO-639-1 ("en"), not a full BCP-47 tag ("en-GB").
        if (settings.language) data.set("language", settings.language.split("-")[0] ?? settings.language);
        return data;
      };
      const response = await client.request({
        path: "/audio/transcriptions",
        form,
        signal: settings.signal,
        action: `transcription with model ${model}`,
      });
      const body = (await response.json()) as TranscriptionBody;
      const seconds = body.duration ?? (body.usage?.type === "duration" ? body.usage.seconds : undefined);
      const transcript: Transcript = {
        text: (body.text ?? "").trim(),
        durationMs: upload.durationMs ?? Math.round((seconds ?? 0) * 1000),
      };
      if (body.words?.length) {
        transcript.words = body.words.map((word) => ({
          text: word.word.trim(),
          start: Math.round(word.start * 1000),
          duration: Math.round((word.end - word.start) * 1000),
        }));
      }
      return transcript;
    },
  };
}
