import { TurnEndDetector } from "../src/audio-input/turn-end-detector.js";
import { FIXED_QUIET_MS } from "../src/audio-input/turn-end-rules.js";
import { STREAM_SAMPLE_RATE, type Transcriber } from "../src/core/transcriber.js";
import { median } from "./suite.js";
import type { TurnUtterance } from "./turn-taking-set.js";

const BLOCK = STREAM_SAMPLE_RATE / 50;
/** As the page: 250 ms chunks while speaking, 60 ms ones in a pause; the words asked for every 150 ms. */
const CHUNK = STREAM_SAMPLE_RATE / 4;
const PAUSE_CHUNK = (STREAM_SAMPLE_RATE * 60) / 1000;
const WORDS_EVERY_MS = 150;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface TurnResult {
  utterance: TurnUtterance;
  /** Quiet waited after the end of speech before the turn ended (ms), by the rules and by the fixed wait. */
  rulesWaitMs: number;
  fixedWaitMs: number;
  rulesCut: boolean;
  fixedCut: boolean;
  /** From the rules' decision to the final words (ms of wall time). */
  wordsMs: number;
  reason: string;
}

/**
 * Plays one utterance to the recogniser at the pace it was spoken, as the page does, with two detectors listening
 * to the same audio: the turn-end rules (given the words as they come back) and the old fixed wait.
 */
export async function takeTurn(transcriber: Transcriber, utterance: TurnUtterance): Promise<TurnResult> {
  const rules = new TurnEndDetector({ sampleRate: STREAM_SAMPLE_RATE });
  const fixed = new TurnEndDetector({ sampleRate: STREAM_SAMPLE_RATE, fixedQuietMs: FIXED_QUIET_MS });
  const stream = transcriber.openStream?.({ language: "en" });
  if (!stream) throw new Error(`${transcriber.provider} does not stream`);
  rules.wordsArrive = stream.heardSoFar !== undefined;
  const { samples } = utterance;
  let rulesAt: number | undefined;
  let fixedAt: number | undefined;
  let sentTo = 0;
  let wordsAskedAt = 0;
  const started = performance.now();
  try {
    for (let at = 0; at < samples.length && (rulesAt === undefined || fixedAt === undefined); at += BLOCK) {
      await sleep(Math.max(0, started + ((at + BLOCK) / STREAM_SAMPLE_RATE) * 1000 - performance.now()));
      const block = samples.subarray(at, at + BLOCK);
      const scaled = Float32Array.from(block, (value) => value / 32768);
      if (rulesAt === undefined && rules.push(scaled) === "turn-end") rulesAt = at + block.length;
      if (fixedAt === undefined && fixed.push(scaled) === "turn-end") fixedAt = at + block.length;
      const due = rules.inSpeech && rules.quiet > 0 ? PAUSE_CHUNK : CHUNK;
      if (rulesAt === undefined && at + block.length - sentTo >= due) {
        stream.write(samples.subarray(sentTo, at + block.length));
        sentTo = at + block.length;
      }
      if (performance.now() - wordsAskedAt >= WORDS_EVERY_MS) {
        wordsAskedAt = performance.now();
        rules.words = stream.heardSoFar?.() ?? "";
      }
    }
    const end = rulesAt ?? samples.length;
    const decided = performance.now();
    stream.write(samples.subarray(sentTo, end));
    await stream.finish();
    const waitMs = (at: number | undefined) =>
      (((at ?? samples.length) - utterance.speechEnd) / STREAM_SAMPLE_RATE) * 1000;
    return {
      utterance,
      rulesWaitMs: waitMs(rulesAt),
      fixedWaitMs: waitMs(fixedAt),
      rulesCut: rulesAt !== undefined && rulesAt <= utterance.lastPartStart,
      fixedCut: fixedAt !== undefined && fixedAt <= utterance.lastPartStart,
      wordsMs: performance.now() - decided,
      reason: rules.decision?.reason ?? "",
    };
  } finally {
    stream.cancel();
  }
}

/** The set's figures: end of speech → first audio p50 (wait + words + the reply's first audio), cut-offs. */
export function summarise(results: TurnResult[], replyFirstAudioMs: number) {
  const paused = results.filter((each) => each.utterance.kind === "thinking pause");
  const finished = results.filter((each) => each.utterance.kind !== "thinking pause");
  const firstAudio = (wait: (each: TurnResult) => number) =>
    median(finished.map((each) => wait(each) + each.wordsMs + replyFirstAudioMs));
  return {
    rulesP50: firstAudio((each) => each.rulesWaitMs),
    fixedP50: firstAudio((each) => each.fixedWaitMs),
    rulesWaitP50: median(finished.map((each) => each.rulesWaitMs)),
    fixedWaitP50: median(finished.map((each) => each.fixedWaitMs)),
    wordsP50: median(finished.map((each) => each.wordsMs)),
    rulesCutShare: paused.filter((each) => each.rulesCut).length / paused.length,
    fixedCutShare: paused.filter((each) => each.fixedCut).length / paused.length,
    paused: paused.length,
    finished: finished.length,
  };
}
