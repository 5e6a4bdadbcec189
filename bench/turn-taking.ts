import { TurnEndDetector } from "../src/audio-input/turn-end-detector.js";
import { FIXED_QUIET_MS, meanConfidence, TURN_END } from "../src/audio-input/turn-end-rules.js";
import { wordErrorRate } from "../src/audio-input/word-error-rate.js";
import { STREAM_SAMPLE_RATE, type Transcriber, type TranscriptionStream } from "../src/core/transcriber.js";
import { median } from "./suite.js";
import type { TurnUtterance } from "./turn-taking-set.js";

export const BLOCK = STREAM_SAMPLE_RATE / 50;
/**
 * As the page: 250 ms chunks while speaking, 60 ms ones in a pause; the words taken as soon as the recogniser tells
 * them (the page holds a request open for them), or asked for every 150 ms from one that cannot tell.
 */
export const CHUNK = STREAM_SAMPLE_RATE / 4;
export const PAUSE_CHUNK = (STREAM_SAMPLE_RATE * 60) / 1000;
const WORDS_EVERY_MS = 150;
/** As the page: the stream is opened when speech starts, and the last half second before it goes up first. */
export const PREROLL = STREAM_SAMPLE_RATE / 2;
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
  /** The words the rules decided on. */
  words: string;
  /** The recogniser's final words for the turn. */
  heard: string;
  /** How sure the recogniser was of the last of `words` (0–1), when it says. */
  lastWordConfidence: number | undefined;
  /** How sure it was of all of them, on average. */
  sentenceConfidence: number | undefined;
  /**
   * Start early, as the page does it: when the last early reply was begun, in ms after the end of speech, if it was
   * begun on the very words the turn ended with (so it is kept); undefined when none could be kept.
   */
  earlyKeptAtMs: number | undefined;
  /** Early replies begun and then thrown away because speech went on (or the words changed). */
  earlyThrownAway: number;
}

/**
 * Plays one utterance to the recogniser at the pace it was spoken, as the page does (the stream opened when speech
 * starts, with the half second before it), with two detectors listening to the same audio: the turn-end rules
 * (given the words as they come back) and the old fixed wait.
 */
export async function takeTurn(transcriber: Transcriber, utterance: TurnUtterance): Promise<TurnResult> {
  const rules = new TurnEndDetector({ sampleRate: STREAM_SAMPLE_RATE });
  const fixed = new TurnEndDetector({ sampleRate: STREAM_SAMPLE_RATE, fixedQuietMs: FIXED_QUIET_MS });
  if (!transcriber.openStream) throw new Error(`${transcriber.provider} does not stream`);
  let stream: TranscriptionStream | undefined;
  const { samples } = utterance;
  let rulesAt: number | undefined;
  let fixedAt: number | undefined;
  let sentTo = 0;
  let wordsAskedAt = 0;
  let early: { at: number; words: string } | undefined;
  let earlyThrownAway = 0;
  /** The page's start early: begun at a pause once its words are in, thrown away when speech goes on. */
  const followEarly = (at: number) => {
    if (rules.inSpeech && rules.quiet === 0) {
      if (early) earlyThrownAway++;
      early = undefined;
    } else if (
      rules.words &&
      rules.words !== early?.words &&
      rules.quiet >= TURN_END.startEarlyMs &&
      rules.pauseWordsIn
    ) {
      if (early) earlyThrownAway++;
      early = { at, words: rules.words };
    }
  };
  /** Where the audio heard so far ends, in samples. */
  let heardTo = 0;
  const takeWords = () => {
    rules.words = stream?.heardSoFar?.() ?? "";
    const heardWords = stream?.heardWordsSoFar?.() ?? [];
    rules.lastWordConfidence = heardWords.at(-1)?.confidence;
    rules.sentenceConfidence = meanConfidence(heardWords);
    if (rulesAt === undefined) followEarly(heardTo);
  };
  let stopHearing: (() => void) | undefined;
  const started = performance.now();
  try {
    for (let at = 0; at < samples.length && (rulesAt === undefined || fixedAt === undefined); at += BLOCK) {
      await sleep(Math.max(0, started + ((at + BLOCK) / STREAM_SAMPLE_RATE) * 1000 - performance.now()));
      const block = samples.subarray(at, at + BLOCK);
      heardTo = at + block.length;
      const scaled = Float32Array.from(block, (value) => value / 32768);
      const event = rulesAt === undefined ? rules.push(scaled) : undefined;
      if (event === "turn-end") rulesAt = at + block.length;
      if (event === "speech-start") {
        stream = transcriber.openStream({ language: "en" });
        rules.wordsArrive = stream.heardSoFar !== undefined;
        stopHearing = stream.onHeard?.(takeWords);
        sentTo = Math.max(0, at - PREROLL);
      }
      if (rulesAt === undefined) followEarly(at + block.length);
      if (fixedAt === undefined && fixed.push(scaled) === "turn-end") fixedAt = at + block.length;
      const due = rules.inSpeech && rules.quiet > 0 ? PAUSE_CHUNK : CHUNK;
      if (stream && rulesAt === undefined && at + block.length - sentTo >= due) {
        stream.write(samples.subarray(sentTo, at + block.length));
        sentTo = at + block.length;
      }
      if (stream && !stopHearing && performance.now() - wordsAskedAt >= WORDS_EVERY_MS) {
        wordsAskedAt = performance.now();
        takeWords();
      }
    }
    const end = rulesAt ?? samples.length;
    const decided = performance.now();
    if (!stream) throw new Error(`no speech heard in ${utterance.name}`);
    stream.write(samples.subarray(sentTo, end));
    const { text } = await stream.finish();
    const kept = early && early.words.trim() === text.trim();
    if (early && !kept) earlyThrownAway++;
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
      words: rules.words,
      heard: text,
      lastWordConfidence: rules.lastWordConfidence,
      sentenceConfidence: rules.sentenceConfidence,
      earlyKeptAtMs: kept && early ? waitMs(early.at) : undefined,
      earlyThrownAway,
    };
  } finally {
    stopHearing?.();
    stream?.cancel();
  }
}

/**
 * End of speech → first audio with start early: the page keeps the early reply once the turn has ended and the final
 * words are back; the reply is ready its first-audio time after it was begun. Whichever comes later.
 */
export const earlyFirstAudioMs = (each: TurnResult, replyFirstAudioMs: number) =>
  each.earlyKeptAtMs === undefined
    ? each.rulesWaitMs + each.wordsMs + replyFirstAudioMs
    : Math.max(each.rulesWaitMs + each.wordsMs, each.earlyKeptAtMs + replyFirstAudioMs);

/** The set's figures: end of speech → first audio p50 (wait + words + the reply's first audio), cut-offs. */
export function summarise(results: TurnResult[], replyFirstAudioMs: number) {
  const paused = results.filter((each) => each.utterance.kind === "thinking pause");
  const finished = results.filter((each) => each.utterance.kind !== "thinking pause");
  const firstAudio = (wait: (each: TurnResult) => number) =>
    median(finished.map((each) => wait(each) + each.wordsMs + replyFirstAudioMs));
  return {
    earlyP50: median(finished.map((each) => earlyFirstAudioMs(each, replyFirstAudioMs))),
    earlyKept: finished.filter((each) => each.earlyKeptAtMs !== undefined).length,
    earlyThrownAway: results.reduce((sum, each) => sum + each.earlyThrownAway, 0),
    rulesP50: firstAudio((each) => each.rulesWaitMs),
    fixedP50: firstAudio((each) => each.fixedWaitMs),
    rulesWaitP50: median(finished.map((each) => each.rulesWaitMs)),
    fixedWaitP50: median(finished.map((each) => each.fixedWaitMs)),
    wordsP50: median(finished.map((each) => each.wordsMs)),
    rulesCutShare: paused.filter((each) => each.rulesCut).length / paused.length,
    fixedCutShare: paused.filter((each) => each.fixedCut).length / paused.length,
    paused: paused.length,
    finished: finished.length,
    byVoice: byVoice(finished, replyFirstAudioMs),
  };
}

/**
 * For each voice (the part of the name before the colon): the finished utterances' p50 with start early, and the
 * recogniser's word error rate on them, which decides how often the words can tell the end of a turn.
 */
function byVoice(finished: TurnResult[], replyFirstAudioMs: number) {
  const voices = new Map<string, TurnResult[]>();
  for (const each of finished) {
    const voice = each.utterance.name.split(":")[0] as string;
    voices.set(voice, [...(voices.get(voice) ?? []), each]);
  }
  return [...voices].map(([voice, results]) => ({
    voice,
    p50: median(results.map((each) => earlyFirstAudioMs(each, replyFirstAudioMs))),
    count: results.length,
    wordErrorRate:
      results.reduce((sum, each) => sum + wordErrorRate(each.utterance.text, each.heard), 0) / results.length,
  }));
}
