import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { decodeAudio, resampleClip } from "../src/audio-input/decode-audio.js";
import { librivoxRecordings, TESTDATA } from "../src/audio-input/test-support/recordings.js";
import type { Synthesizer } from "../src/core/synthesizer.js";
import { STREAM_SAMPLE_RATE } from "../src/core/transcriber.js";

export type UtteranceKind = "question" | "statement" | "thinking pause";

/** One utterance of the turn-taking set: 16 kHz samples with 0.5 s of quiet before and 2 s after. */
export interface TurnUtterance {
  name: string;
  kind: UtteranceKind;
  /** What was said (for the recogniser's word error rate on the set). */
  text: string;
  samples: Int16Array;
  /** Where the last part starts (a turn ended before it cut the person off) and where speech ends, in samples. */
  lastPartStart: number;
  speechEnd: number;
}

const QUESTIONS = [
  "What is your favourite food?",
  "Where did you grow up?",
  "How do you spend your weekends?",
  "What do you do for a living?",
  "Can you tell me about your family?",
  "Why did you choose your job?",
];
const STATEMENTS = [
  "I really enjoyed the concert last night.",
  "My sister lives in Canada now.",
  "I think we should meet again next week.",
];
/** Sentences with a thinking pause where they cannot end, and how long the pause lasts (s). */
const PAUSED: [string, string, number][] = [
  ["I grew up in a small town by the sea, and", "then I moved to the city.", 1.0],
  ["My favourite food is the", "soup my grandmother made.", 1.2],
  ["I wanted to ask you about, um", "your plans for the summer.", 0.9],
  ["I chose this job because", "I love working with people.", 1.1],
];

const quiet = (seconds: number) => new Int16Array(Math.round(seconds * STREAM_SAMPLE_RATE));

function join16(parts: Int16Array[]): Int16Array {
  const samples = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    samples.set(part, offset);
    offset += part.length;
  }
  return samples;
}

/**
 * Trims a voice's own leading and trailing quiet, so the set knows where speech really starts and ends: 20 ms frames
 * louder than the recording's floor (its quietest tenth) by 12 dB, and than a synthetic voice's digital silence.
 */
function trimmed(samples: Int16Array): Int16Array {
  const frame = STREAM_SAMPLE_RATE / 50;
  const levels: number[] = [];
  for (let at = 0; at < samples.length; at += frame) {
    let energy = 0;
    const end = Math.min(at + frame, samples.length);
    for (let i = at; i < end; i++) energy += (samples[i] as number) ** 2;
    levels.push(Math.sqrt(energy / (end - at)));
  }
  const floor = [...levels].sort((a, b) => a - b)[Math.floor(levels.length / 10)] ?? 0;
  const loud = (level: number) => level > Math.max(100, floor * 10 ** (12 / 20));
  const first = levels.findIndex(loud);
  const last = levels.findLastIndex(loud);
  return first < 0 ? samples : samples.slice(first * frame, (last + 1) * frame);
}

function utterance(
  name: string,
  kind: UtteranceKind,
  text: string,
  parts: Int16Array[],
  pause = 0,
): TurnUtterance {
  const [first, second] = parts as [Int16Array, Int16Array | undefined];
  const lead = quiet(0.5);
  const body = second ? [first, quiet(pause), second] : [first];
  const samples = join16([lead, ...body, quiet(2)]);
  const speechEnd = lead.length + body.reduce((sum, part) => sum + part.length, 0);
  return { name, kind, text, samples, speechEnd, lastPartStart: speechEnd - (second ?? first).length };
}

/**
 * The real recordings. Four of pocketsphinx-testdata's five LibriVox clips stop mid-sentence, where the book has a
 * comma, a colon or a semicolon and the reader goes on: "He was not an ill-disposed young man, | unless to be rather
 * cold-hearted and rather selfish is to be ill-disposed:" and "Had he married a more amiable woman, he might have been
 * made still more respectable than he was: | he might even have been made amiable himself;". A listener should wait
 * there, so each pair is a thinking pause of a real voice mid-sentence, not two finished turns. The fifth ends its
 * sentence ("…in his power to do for them."), as do the two short commands.
 */
const librivox = (clip: string) => `${TESTDATA}/librivox/sense_and_sensibility_01_austen_64kb-${clip}.wav`;
const FINISHED_RECORDINGS = [librivox("0870"), `${TESTDATA}/goforward.raw`, `${TESTDATA}/something.raw`];
const PAUSED_RECORDINGS: [string, string, number][] = [
  [librivox("0880"), librivox("0890"), 1.0],
  [librivox("0920"), librivox("0930"), 1.1],
];
const COMMANDS: Record<string, string> = {
  "goforward.raw": "go forward ten meters",
  "something.raw": "go somewhere and do something",
};

async function recording(path: string): Promise<{ samples: Int16Array; text: string }> {
  const samples = path.endsWith(".raw")
    ? new Int16Array(new Uint8Array(readFileSync(path)).buffer)
    : (await decodeAudio(path)).samples;
  const name = path.split("/").at(-1) as string;
  const text = COMMANDS[name] ?? librivoxRecordings().find((each) => each.path === path)?.reference;
  if (text === undefined) throw new Error(`no reference text for ${name}`);
  return { samples: trimmed(samples), text };
}

const clipName = (path: string) =>
  (path.split("/").at(-1) as string).replace(/^sense_and_sensibility_01_austen_64kb-/, "");

/**
 * The turn-taking set: six questions, three statements and four sentences with a thinking pause (after "and", "the",
 * "um", "because"), each in three synthetic voices (flite's default, espeak-ng's en-us and en+f3), and the real
 * recordings of pocketsphinx-testdata: three finished sentences (LibriVox, "go forward ten meters", "go somewhere and
 * do something") and two LibriVox sentences with a pause where the reader's clause ends and the sentence goes on.
 */
export async function turnTakingSet(synthesizer: Synthesizer): Promise<TurnUtterance[]> {
  const dir = mkdtempSync(join(tmpdir(), "aitwin-turns-"));
  const voices: [string, (text: string) => Promise<Int16Array>][] = [
    ["flite", async (text) => (await resampleClip((await synthesizer.synthesize({ text })).audio)).samples],
    ...["en-us", "en+f3"].map(
      (voice) =>
        [
          `espeak-ng ${voice}`,
          async (text: string) => {
            const file = join(dir, `${voice}-${Math.random().toString(36).slice(2)}.wav`);
            await promisify(execFile)("espeak-ng", ["-v", voice, "-s", "160", "-w", file, text]);
            return (await decodeAudio(file)).samples;
          },
        ] as [string, (text: string) => Promise<Int16Array>],
    ),
  ];
  const set: TurnUtterance[] = [];
  for (const [voice, speak] of voices) {
    for (const text of QUESTIONS)
      set.push(utterance(`${voice}: ${text}`, "question", text, [trimmed(await speak(text))]));
    for (const text of STATEMENTS)
      set.push(utterance(`${voice}: ${text}`, "statement", text, [trimmed(await speak(text))]));
    for (const [start, rest, pause] of PAUSED) {
      const parts = [trimmed(await speak(start)), trimmed(await speak(rest))];
      set.push(utterance(`${voice}: ${start} … ${rest}`, "thinking pause", `${start} ${rest}`, parts, pause));
    }
  }
  for (const path of FINISHED_RECORDINGS) {
    const { samples, text } = await recording(path);
    set.push(utterance(`recorded: ${clipName(path)}`, "statement", text, [samples]));
  }
  for (const [first, second, pause] of PAUSED_RECORDINGS) {
    const [start, rest] = [await recording(first), await recording(second)];
    const name = `recorded: ${clipName(first)} … ${clipName(second)}`;
    set.push(
      utterance(name, "thinking pause", `${start.text} ${rest.text}`, [start.samples, rest.samples], pause),
    );
  }
  return set;
}
