import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { runFfmpeg } from "../../audio-input/ffmpeg.js";
import { createFliteSynthesizer } from "../../providers/flite/flite-synthesizer.js";
import { READING_PASSAGE } from "../reading-passage.js";
import { encodeWav } from "../wav.js";

const run = promisify(execFile);

/**
 * Stand-ins for people reading the passage: espeak-ng (Debian, installed by .ci/run) with three different voices,
 * pitches and rates, and flite's rms, which is not a tunable base. Each is a WAV file in a fresh temporary folder.
 */
export const SAMPLE_SPEAKERS = {
  /** A female US voice, high and quick. */
  espeakFemale: ["-v", "en-us+f3"],
  /** A light male voice, raised and fast. */
  espeakLight: ["-v", "en+klatt4", "-p", "70", "-s", "190"],
  /** A low Scottish male voice, slow. */
  espeakLow: ["-v", "en-gb-scotland", "-p", "30", "-s", "140"],
} as const;

export async function sampleFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), "aitwin-voice-sample-"));
}

export async function espeakSample(
  folder: string,
  name: keyof typeof SAMPLE_SPEAKERS,
  text = READING_PASSAGE,
): Promise<string> {
  const path = join(folder, `${name}.wav`);
  await run("espeak-ng", [...SAMPLE_SPEAKERS[name], "-w", path, text]);
  return path;
}

/**
 * A dark voice: an espeak-ng sample through a low-pass filter (ffmpeg), darker than any of flite's voices, so that
 * tuning has to take brightness down rather than up.
 */
export async function darkSample(folder: string, name: keyof typeof SAMPLE_SPEAKERS, cutoffHz = 600) {
  const source = await espeakSample(folder, name);
  const path = join(folder, `${name}-dark.wav`);
  const result = await runFfmpeg([
    "-i",
    source,
    "-af",
    `lowpass=f=${cutoffHz},lowpass=f=${cutoffHz}`,
    "-y",
    path,
  ]);
  if (result.code !== 0) throw new Error(`ffmpeg could not darken ${name}: ${result.stderr.slice(-300)}`);
  return path;
}

export async function fliteSample(folder: string, voice: string, text = READING_PASSAGE): Promise<string> {
  const speech = await createFliteSynthesizer().synthesize({ text, voice });
  const path = join(folder, `flite-${voice}.wav`);
  await writeFile(path, encodeWav(speech.audio));
  return path;
}

/** A sound made by ffmpeg's lavfi sources (`sine=…`, `anullsrc`, `anoisesrc=…`), written as a 16 kHz WAV. */
export async function generatedSound(folder: string, name: string, source: string, seconds: number) {
  const path = join(folder, `${name}.wav`);
  const result = await runFfmpeg([
    "-f",
    "lavfi",
    "-i",
    source,
    "-t",
    String(seconds),
    "-ar",
    "16000",
    "-ac",
    "1",
    "-y",
    path,
  ]);
  if (result.code !== 0) throw new Error(`ffmpeg could not make ${name}: ${result.stderr.slice(-300)}`);
  return path;
}
