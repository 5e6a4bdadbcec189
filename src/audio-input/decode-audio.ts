import { unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AudioClip, EncodedAudio } from "../core/audio.js";
import { BadInputError } from "../core/errors.js";
import { runFfmpeg } from "./ffmpeg.js";
import { pcmToSamples, samplesToPcm } from "./pcm.js";

/** Recognisers want 16 kHz mono: whisper.cpp, PocketSphinx and Silero VAD all run at this rate. */
export const SPEECH_SAMPLE_RATE = 16_000;

/** Longer audio is refused rather than transcribed for minutes: a turn of conversation is seconds long. */
export const DEFAULT_MAX_DURATION_MS = 5 * 60_000;

export interface DecodeOptions {
  /** Refuse audio longer than this (default 5 minutes). */
  maxDurationMs?: number;
  sampleRate?: number;
  signal?: AbortSignal;
}

/**
 * Decodes anything ffmpeg can read (WAV, MP3, Ogg, WebM, MP4, …, any rate and channel count) to a mono 16-bit clip.
 * Empty input, input that is not audio and audio over the limit are a BadInputError with a one-line reason.
 */
export async function decodeAudio(
  input: EncodedAudio | string,
  options: DecodeOptions = {},
): Promise<AudioClip> {
  const sampleRate = options.sampleRate ?? SPEECH_SAMPLE_RATE;
  const maxDurationMs = options.maxDurationMs ?? DEFAULT_MAX_DURATION_MS;
  if (typeof input !== "string" && input.data.length === 0) throw new BadInputError("the audio is empty");
  // A temporary file rather than a pipe: containers such as MP4 keep their index at the end and need seeking.
  const temporary =
    typeof input === "string"
      ? undefined
      : join(tmpdir(), `aitwin-audio-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  try {
    if (temporary && typeof input !== "string") await writeFile(temporary, input.data);
    const source = temporary ?? (input as string);
    const maxBytes = Math.ceil((maxDurationMs / 1000) * sampleRate) * 2;
    // Decode a little past the limit, never the whole of a ten-minute file, to tell "too long" from "just fits".
    const limitSeconds = (maxDurationMs + 1000) / 1000;
    const result = await runFfmpeg(
      [
        "-i",
        source,
        "-t",
        String(limitSeconds),
        "-vn",
        "-ac",
        "1",
        "-ar",
        String(sampleRate),
        "-f",
        "s16le",
        "pipe:1",
      ],
      { maxOutputBytes: maxBytes + 2, signal: options.signal },
    );
    if (result.stdout.length > maxBytes) {
      throw new BadInputError(`the audio is longer than the limit of ${formatDuration(maxDurationMs)}`);
    }
    if (result.code !== 0) {
      const reason = firstLine(result.stderr) || `ffmpeg exited with ${result.code}`;
      throw new BadInputError(`not audio that can be decoded (${reason})`);
    }
    if (result.stdout.length < 2) throw new BadInputError("the audio is empty (no samples)");
    return { sampleRate, samples: pcmToSamples(result.stdout) };
  } finally {
    if (temporary) await unlink(temporary).catch(() => {});
  }
}

/** A clip at another rate, resampled by ffmpeg (a clip already at the rate is returned as is). */
export async function resampleClip(clip: AudioClip, sampleRate = SPEECH_SAMPLE_RATE): Promise<AudioClip> {
  if (clip.sampleRate === sampleRate) return clip;
  const raw = samplesToPcm(clip.samples);
  const args = ["-f", "s16le", "-ar", String(clip.sampleRate), "-ac", "1", "-i", "pipe:0"];
  const result = await runFfmpeg([...args, "-ar", String(sampleRate), "-f", "s16le", "pipe:1"], {
    input: raw,
  });
  if (result.code !== 0) throw new BadInputError(`cannot resample the audio (${firstLine(result.stderr)})`);
  return { sampleRate, samples: pcmToSamples(result.stdout) };
}

/** Either kind of audio a Transcriber accepts, as a 16 kHz mono clip. */
export async function toSpeechClip(
  audio: AudioClip | EncodedAudio,
  signal?: AbortSignal,
): Promise<AudioClip> {
  if ("samples" in audio) return resampleClip(audio);
  return decodeAudio(audio, { signal });
}

function firstLine(text: string): string {
  const line = text.split("\n").find((each) => each.trim() !== "") ?? "";
  // ffmpeg prefixes errors with the input path, or with the demuxer and its heap address (`[wav @ 0x55…]`); keep
  // the part that says what went wrong.
  return line
    .replace(/\[[^\]]*@ 0x[0-9a-f]+\]\s*/gi, "")
    .replace(/^.*?: (?=[A-Z])/, "")
    .trim()
    .slice(0, 200);
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} seconds`;
}
