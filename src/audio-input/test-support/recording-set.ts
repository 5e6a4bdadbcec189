import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { runFfmpeg } from "../ffmpeg.js";
import { CARDS, librivoxRecordings, type Recording, TESTDATA } from "./recordings.js";

const CARD_WORDS = ["ten of clubs", "four queen of clubs", "seven of clubs", "five five"];
CARD_WORDS.push("eight of spades four of clubs seven of hearts");

/** 16-bit mono WAV with the plain 44-byte header: the plain tool skips 44 bytes and reads the rest as samples. */
const WAV_OUT = ["-ar", "16000", "-ac", "1", "-fflags", "+bitexact", "-map_metadata", "-1", "-y"];

async function ffmpeg(args: string[]): Promise<void> {
  const result = await runFfmpeg(["-loglevel", "error", ...args]);
  if (result.code !== 0) throw new Error(`ffmpeg ${args.join(" ")}: ${result.stderr.toString()}`);
}

/**
 * Every recording of real speech in Debian's pocketsphinx-testdata that comes with its words (the five LibriVox
 * sentences, the five card names, "go forward ten meters", "go somewhere and do something"; numbers.raw has no
 * transcript), plus our own made from them the way people's recordings differ: two sentences with pauses, the same
 * with pink noise at two levels, one very quiet with a long silence first, one under mains hum, one at 44.1 kHz
 * stereo. All as 16 kHz WAV in `dir`, except the 44.1 kHz one (the plain tool is given its 16 kHz copy).
 */
export async function recordingSet(dir = mkdtempSync(join(tmpdir(), "aitwin-recordings-"))) {
  const librivox = librivoxRecordings();
  const set: (Recording & { name: string; plainPath: string })[] = [];
  const add = (name: string, path: string, reference: string, plainPath = path) =>
    set.push({ name, path, reference, plainPath });
  for (const recording of librivox)
    add(recording.path.split("/").at(-1) as string, recording.path, recording.reference);
  CARDS.forEach((path, index) => {
    add(`cards ${index + 1}`, path, CARD_WORDS[index] as string);
  });
  for (const [name, reference] of [
    ["goforward", "go forward ten meters"],
    ["something", "go somewhere and do something"],
  ] as const) {
    const path = join(dir, `${name}.wav`);
    if (!existsSync(path))
      await ffmpeg([
        "-f",
        "s16le",
        "-ar",
        "16000",
        "-ac",
        "1",
        "-i",
        `${TESTDATA}/${name}.raw`,
        ...WAV_OUT,
        path,
      ]);
    add(name, path, reference);
  }
  const [first, second, , fourth, fifth] = librivox as [
    Recording,
    Recording,
    Recording,
    Recording,
    Recording,
  ];
  const pair = join(dir, "own-pair.wav");
  const pairWords = `${second.reference} ${fifth.reference}`;
  await ffmpeg([
    ...["-f", "lavfi", "-t", "1", "-i", "anullsrc=r=16000:cl=mono", "-i", second.path],
    ...["-f", "lavfi", "-t", "0.7", "-i", "anullsrc=r=16000:cl=mono", "-i", fifth.path],
    ...["-f", "lavfi", "-t", "1", "-i", "anullsrc=r=16000:cl=mono"],
    ...["-filter_complex", "concat=n=5:v=0:a=1", ...WAV_OUT, pair],
  ]);
  add("own: two sentences, pauses", pair, pairWords);
  for (const level of ["0.01", "0.03"]) {
    const noisy = join(dir, `own-noise-${level}.wav`);
    const noise = `anoisesrc=c=pink:a=${level}:r=16000:seed=7`;
    const mix = "[0][1]amix=inputs=2:duration=first,volume=2";
    await ffmpeg(["-i", pair, "-f", "lavfi", "-i", noise, "-filter_complex", mix, ...WAV_OUT, noisy]);
    add(`own: two sentences, pink noise ${level}`, noisy, pairWords);
  }
  const quiet = join(dir, "own-quiet.wav");
  await ffmpeg(["-i", first.path, "-af", "adelay=1500,apad=pad_len=16000,volume=0.08", ...WAV_OUT, quiet]);
  add("own: quiet (-22 dB), 1.5 s of silence first", quiet, first.reference);
  const hum = join(dir, "own-hum.wav");
  const humMix =
    "[0]adelay=1200,apad=pad_len=16000[a];[1]volume=0.05[b];[a][b]amix=inputs=2:duration=first,volume=2";
  await ffmpeg([
    "-i",
    fourth.path,
    "-f",
    "lavfi",
    "-i",
    "sine=f=50:r=16000",
    "-filter_complex",
    humMix,
    ...WAV_OUT,
    hum,
  ]);
  add("own: 50 Hz hum, 1.2 s of it first", hum, fourth.reference);
  const stereo = join(dir, "own-44k-stereo.wav");
  await ffmpeg(["-i", pair, "-ar", "44100", "-ac", "2", "-fflags", "+bitexact", "-y", stereo]);
  add("own: two sentences at 44.1 kHz stereo", stereo, pairWords, pair);
  return set;
}

const MODEL = "/usr/share/pocketsphinx/model/en-us";

/** What plain `pocketsphinx_continuous -infile FILE` hears, with the Debian model (the baseline). */
export async function plainPocketsphinx(path: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    "pocketsphinx_continuous",
    [
      "-infile",
      path,
      "-hmm",
      `${MODEL}/en-us`,
      "-lm",
      `${MODEL}/en-us.lm.bin`,
      "-dict",
      `${MODEL}/cmudict-en-us.dict`,
      "-logfn",
      "/dev/null",
    ],
    { maxBuffer: 1 << 20 },
  );
  return stdout
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");
}
