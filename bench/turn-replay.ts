/**
 * Replays a trace written by `turn-trace.ts` through the turn-end detector and rules as they are now: the same audio,
 * and the words as the recogniser told them at each moment. Prints what the spoken bench would (end of speech → first
 * audio p50 with start early, cut-offs of thinking pauses) and every slow or cut-off utterance with its reason. The
 * words take ~50 ms to come back after a decision and the reply its typed first-audio time (143 ms on 2 cores) after
 * the early start; both are estimates, the bench measures them.
 *
 *   node --import tsx bench/turn-replay.ts trace.json [reply-ms]
 */
import { readFileSync } from "node:fs";
import { TurnEndDetector } from "../src/audio-input/turn-end-detector.js";
import { meanConfidence, TURN_END } from "../src/audio-input/turn-end-rules.js";
import { STREAM_SAMPLE_RATE } from "../src/core/transcriber.js";
import { median } from "./suite.js";
import { BLOCK } from "./turn-taking.js";
import type { TracedUtterance } from "./turn-trace.js";

const WORDS_MS = 50;

export interface Replayed {
  name: string;
  kind: string;
  waitMs: number;
  firstAudioMs: number;
  cut: boolean;
  reason: string;
  words: string;
}

export function replay(each: TracedUtterance, replyMs: number): Replayed {
  const buffer = Buffer.from(each.audio, "base64");
  const samples = new Int16Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 2);
  const detector = new TurnEndDetector({ sampleRate: STREAM_SAMPLE_RATE });
  let endAt: number | undefined;
  let early: { at: number; words: string } | undefined;
  let moment = -1;
  for (let at = 0; at < samples.length && endAt === undefined; at += BLOCK) {
    while ((each.moments[moment + 1]?.at ?? Number.POSITIVE_INFINITY) <= at) moment++;
    const seen = each.moments[moment];
    detector.words = seen?.words ?? "";
    detector.lastWordConfidence = seen?.confidences.at(-1);
    detector.sentenceConfidence = meanConfidence(
      (seen?.confidences ?? []).map((confidence) => ({ confidence })),
    );
    const event = detector.push(
      Float32Array.from(samples.subarray(at, at + BLOCK), (value) => value / 32768),
    );
    if (event === "speech-start") detector.wordsArrive = true;
    if (event === "turn-end") endAt = at + BLOCK;
    if (detector.inSpeech && detector.quiet === 0) early = undefined;
    else if (
      detector.words &&
      detector.words !== early?.words &&
      detector.quiet >= TURN_END.startEarlyMs &&
      detector.pauseWordsIn
    )
      early = { at: at + BLOCK, words: detector.words };
  }
  const ms = (at: number) => ((at - each.speechEnd) / STREAM_SAMPLE_RATE) * 1000;
  const end = endAt ?? samples.length;
  const waitMs = ms(end);
  const kept = early && early.words === detector.words;
  return {
    name: each.name,
    kind: each.kind,
    waitMs,
    firstAudioMs:
      kept && early ? Math.max(waitMs + WORDS_MS, ms(early.at) + replyMs) : waitMs + WORDS_MS + replyMs,
    cut: endAt !== undefined && endAt <= each.lastPartStart,
    reason: detector.decision?.reason ?? "",
    words: detector.words,
  };
}

function main(file: string, replyMs: number) {
  const traced = JSON.parse(readFileSync(file, "utf8")) as TracedUtterance[];
  const results = traced.map((each) => replay(each, replyMs));
  const finished = results.filter((each) => each.kind !== "thinking pause");
  const paused = results.filter((each) => each.kind === "thinking pause");
  const sorted = [...finished].sort((a, b) => a.firstAudioMs - b.firstAudioMs);
  for (const each of sorted)
    console.log(
      `${each.firstAudioMs.toFixed(0).padStart(5)}  ${each.name.slice(0, 60)} | ${each.reason} | ${each.words}`,
    );
  for (const each of paused)
    console.log(
      `pause ${each.waitMs.toFixed(0).padStart(5)}${each.cut ? " CUT" : ""}  ${each.name.slice(0, 60)} | ${each.reason} | ${each.words}`,
    );
  const p50 = median(finished.map((each) => each.firstAudioMs));
  const fast = finished.filter((each) => each.firstAudioMs <= 500).length;
  console.log(
    `p50 ${p50.toFixed(0)} ms (${fast} of ${finished.length} within 500 ms); cut off ${paused.filter((each) => each.cut).length} of ${paused.length}`,
  );
}

if (process.argv[1]?.endsWith("turn-replay.ts"))
  main(process.argv[2] ?? "turn-trace.json", Number(process.argv[3] ?? 143));
