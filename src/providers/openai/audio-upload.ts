import { type AudioFormat, sniffAudio } from "../../audio-input/audio-format.js";
import { type AudioClip, audioDurationMs, type EncodedAudio } from "../../core/audio.js";
import { BadInputError } from "../../core/errors.js";
import { decodeWav, encodeWav } from "../../voice/wav.js";

export interface AudioUpload {
  bytes: Uint8Array;
  /** OpenAI tells formats apart by the file name's extension, so it must be right. */
  filename: string;
  mimeType: string;
  /** Known when the audio is PCM we can measure; undefined for compressed formats. */
  durationMs: number | undefined;
}

const BY_MIME: Record<string, string> = {
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/wave": "wav",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/ogg": "ogg",
  "audio/webm": "webm",
  "audio/flac": "flac",
  "audio/mp4": "m4a",
  "audio/x-m4a": "m4a",
};

const MIME_OF: Record<string, string> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  webm: "audio/webm",
  flac: "audio/flac",
  m4a: "audio/mp4",
};

/** Audio ready for a multipart upload: clips become WAV; encoded audio keeps its bytes with a truthful name. */
export function audioUpload(audio: AudioClip | EncodedAudio): AudioUpload {
  if ("samples" in audio) {
    if (audio.samples.length === 0) throw new BadInputError("the audio is empty");
    return {
      bytes: encodeWav(audio),
      filename: "speech.wav",
      mimeType: "audio/wav",
      durationMs: audioDurationMs(audio),
    };
  }
  if (audio.data.length === 0) throw new BadInputError("the audio is empty");
  const extension =
    openAiExtension(sniffAudio(audio.data)) ?? BY_MIME[audio.mimeType?.split(";")[0]?.trim() ?? ""];
  if (!extension) throw new BadInputError("the audio is not WAV, MP3, Ogg, WebM, FLAC or M4A");
  const durationMs = extension === "wav" ? audioDurationMs(decodeWav(audio.data)) : undefined;
  return {
    bytes: audio.data,
    filename: `speech.${extension}`,
    mimeType: MIME_OF[extension] ?? "",
    durationMs,
  };
}

/** OpenAI names an MP4 audio file .m4a. */
const openAiExtension = (format: AudioFormat | undefined) => (format === "mp4" ? "m4a" : format);
