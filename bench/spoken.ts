/**
 * A spoken question, end of speech → first audio of the answer, with local speech-to-text (PRODUCT.md §5: p50 ≤ 1 s
 * for a 3 s question). Over HTTP on loopback, as the page does it: the speech is streamed in 250 ms chunks at the
 * pace it is spoken, followed by the quiet the page waits for before it decides the person has finished; then the
 * stream is ended, the transcript posted as a turn, and the clock stops at the first `audio-chunk` on the
 * conversation's event stream. The end-of-speech wait is part of the figure. Compared in the same run with the
 * page's fallback (the whole recording uploaded once speech has ended) and with the recognised words typed (the
 * same reply, so the same first sentence to synthesise).
 */

import { writeFileSync } from "node:fs";
import { resampleClip } from "../src/audio-input/decode-audio.js";
import { samplesToPcm } from "../src/audio-input/pcm.js";
import { SileroVad } from "../src/audio-input/silero-vad.js";
import { openTranscriptionStream } from "../src/audio-input/transcription-stream.js";
import { FIXED_QUIET_MS } from "../src/audio-input/turn-end-rules.js";
import { type UtteranceListener, utterancesFromPcm } from "../src/audio-input/utterances.js";
import { audioDurationMs } from "../src/core/audio.js";
import type { Synthesizer } from "../src/core/synthesizer.js";
import { STREAM_SAMPLE_RATE, type Transcriber, type TranscriptionStream } from "../src/core/transcriber.js";
import { selectProvider } from "../src/providers/select.js";
import { readEvents } from "../src/server/test-support/sse-client.js";
import { encodeWav } from "../src/voice/wav.js";
import { END_OF_SPEECH_QUIET_MS } from "../web/app/speech-timing.js";
import { type BenchSite, startBenchSite } from "./bench-site.js";
import { type BenchSuite, median } from "./suite.js";
import { summarise, type TurnResult, takeTurn } from "./turn-taking.js";
import { turnTakingSet } from "./turn-taking-set.js";

const QUESTION = "What is your favourite food, and where do you live these days?";
const ROUNDS = 7;
const CHUNK_SAMPLES = STREAM_SAMPLE_RATE / 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The twin's answer between two turns of the set: a short reply. */
const BETWEEN_TURNS_MS = 2000;

/**
 * Streams `speech` then the page's quiet, paced like a microphone, and resolves when the page would decide the
 * person has finished (the quiet fully heard), with a function that sends the last chunk and ends the stream.
 */
async function streamAsSpoken(site: Site, speech: Int16Array): Promise<() => Promise<string>> {
  const opened = await fetch(`${site.base}/api/transcriptions/streams`, { method: "POST" });
  const { id } = (await opened.json()) as { id: string };
  const quiet = Math.round((STREAM_SAMPLE_RATE * END_OF_SPEECH_QUIET_MS) / 1000);
  const samples = new Int16Array(speech.length + quiet);
  samples.set(speech);
  const send = async (chunk: number, part: Int16Array) => {
    const response = await fetch(`${site.base}/api/transcriptions/streams/${id}/audio?chunk=${chunk}`, {
      method: "POST",
      headers: { "content-type": "audio/l16" },
      body: samplesToPcm(part),
    });
    if (response.status !== 204) throw new Error(`chunk ${chunk}: ${response.status}`);
  };
  const started = performance.now();
  let chunk = 0;
  let offset = 0;
  for (; offset + CHUNK_SAMPLES <= samples.length; offset += CHUNK_SAMPLES) {
    // A chunk goes up once it has been spoken.
    const spokenBy = ((offset + CHUNK_SAMPLES) / STREAM_SAMPLE_RATE) * 1000;
    await sleep(Math.max(0, started + spokenBy - performance.now()));
    await send(chunk++, samples.subarray(offset, offset + CHUNK_SAMPLES));
  }
  await sleep(Math.max(0, started + (samples.length / STREAM_SAMPLE_RATE) * 1000 - performance.now()));
  return async () => {
    if (offset < samples.length) await send(chunk, samples.subarray(offset));
    const ended = await fetch(`${site.base}/api/transcriptions/streams/${id}/end`, { method: "POST" });
    return ((await ended.json()) as { text: string }).text;
  };
}
const TARGET_MS = 1000;

type Site = BenchSite;

/**
 * Posts a turn with `text` and resolves with ms from `startedAt` to the answer's first audio chunk. It returns only
 * once the whole answer is spoken, so the next measurement does not share the CPU with this answer's later sentences.
 */
async function firstAudio(
  site: Site,
  conversationId: string,
  text: () => Promise<string>,
  startedAt: number,
) {
  let firstAudioAt = 0;
  const events = await readEvents(
    `${site.base}/api/conversations/${conversationId}/events`,
    (event) => {
      if (event.event === "audio-chunk" && firstAudioAt === 0) firstAudioAt = performance.now();
      return event.event === "turn-end" || event.event === "turn-error";
    },
    {
      timeoutMs: 30_000,
      onOpen: async () => {
        const response = await fetch(`${site.base}/api/conversations/${conversationId}/turns`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text: await text() }),
        });
        if (!response.ok) throw new Error(`turn: ${response.status} ${await response.text()}`);
      },
    },
  );
  if (firstAudioAt === 0 || events.at(-1)?.event !== "turn-end")
    throw new Error("the turn ended without audio");
  return firstAudioAt - startedAt;
}

/** A microphone that heard `samples`: 20 ms blocks of PCM bytes, each delivered once it has been spoken. */
async function* pacedPcm(samples: Int16Array): AsyncGenerator<Uint8Array> {
  const block = STREAM_SAMPLE_RATE / 50;
  const started = performance.now();
  for (let offset = 0; offset < samples.length; offset += block) {
    await sleep(Math.max(0, started + ((offset + block) / STREAM_SAMPLE_RATE) * 1000 - performance.now()));
    yield samplesToPcm(samples.subarray(offset, offset + block)).slice();
  }
}

/**
 * `aitwin chat` at a terminal: the VAD cuts the utterance, and the recogniser either was fed as it heard (streamed)
 * or gets the clip afterwards. Time from the VAD's decision to the words.
 */
async function terminal(transcriber: Transcriber, speech: Int16Array, report: (line: string) => void) {
  const vad = await SileroVad.create();
  const samples = new Int16Array(STREAM_SAMPLE_RATE / 2 + speech.length + STREAM_SAMPLE_RATE * 1.5);
  samples.set(speech, STREAM_SAMPLE_RATE / 2);
  const streamedMs: number[] = [];
  const clipMs: number[] = [];
  /** Quiet heard after the end of speech before the turn ended, by the turn-end rules on the words so far. */
  const rulesWaitMs: number[] = [];
  const speechEndMs = ((STREAM_SAMPLE_RATE / 2 + speech.length) / STREAM_SAMPLE_RATE) * 1000;
  for (let round = 0; round <= 3; round++) {
    for (const streamed of [true, false]) {
      let stream: TranscriptionStream | undefined;
      const listener: UtteranceListener = {
        started(frames) {
          stream = openTranscriptionStream(transcriber, { language: "en" });
          for (const frame of frames) stream.write(frame);
        },
        heard(frame) {
          stream?.write(frame);
        },
      };
      // Streamed, as `aitwin chat` does it: the turn-end rules on the words so far; the clip way, the VAD's fixed wait.
      const options = streamed ? { listener, wordsSoFar: () => stream?.heardSoFar?.() ?? "" } : {};
      const startedAt = performance.now();
      for await (const clip of utterancesFromPcm(pacedPcm(samples), vad, options)) {
        const decided = performance.now();
        if (streamed && round > 0) rulesWaitMs.push(decided - startedAt - speechEndMs);
        if (streamed && stream) await stream.finish();
        else await transcriber.transcribe(clip);
        if (round > 0) (streamed ? streamedMs : clipMs).push(performance.now() - decided);
        stream?.cancel();
        break;
      }
    }
  }
  report(
    `terminal (aitwin chat): VAD's end of speech → words p50 ${median(streamedMs).toFixed(0)} ms fed as heard, ${median(clipMs).toFixed(0)} ms transcribing the cut utterance (${(median(clipMs) / median(streamedMs)).toFixed(1)}×); before that, the turn-end rules waited p50 ${median(rulesWaitMs).toFixed(0)} ms of quiet (fed as heard), the old fixed wait 700 ms (transcribing the cut utterance)`,
  );
}

/**
 * The turn-taking set through the page's way of listening (streamed at the pace spoken, words asked for as they
 * come), the turn-end rules and the old fixed wait side by side on the same audio. End of speech → first audio is
 * the quiet waited + the final words + the reply's first audio measured above (typed, same run).
 */
async function turnTaking(
  transcriber: Transcriber,
  synthesizer: Synthesizer,
  replyMs: number,
  report: (line: string) => void,
) {
  const set = await turnTakingSet(synthesizer);
  // As the page when Talk is pressed: the first recogniser is loaded before the person speaks.
  transcriber.prepareStream?.();
  await sleep(BETWEEN_TURNS_MS);
  const results: TurnResult[] = [];
  for (const utterance of set) {
    results.push(await takeTurn(transcriber, utterance));
    // A conversation: the twin answers between two turns (and the recogniser for the next one loads meanwhile).
    await sleep(BETWEEN_TURNS_MS);
  }
  const figures = summarise(results, replyMs);
  // Every utterance's wait, words and decision, for whoever tunes the rules: AITWIN_BENCH_TURNS_FILE=turns.json.
  const dump = process.env.AITWIN_BENCH_TURNS_FILE;
  if (dump) {
    const turns = results.map(({ utterance, ...rest }) => ({
      name: utterance.name,
      kind: utterance.kind,
      ...rest,
    }));
    writeFileSync(dump, JSON.stringify({ replyFirstAudioMs: replyMs, turns }, null, 1));
  }
  const share = (value: number) => `${(value * 100).toFixed(0)}%`;
  report(
    `turn-taking set: ${set.length} utterances, ${figures.finished} finished (questions, statements, recordings), ${figures.paused} with a thinking pause of 0.9–1.2 s`,
  );
  report(
    `  end of speech → first audio p50, turn-end rules with start early: ${figures.earlyP50.toFixed(0)} ms; target ≤ 500 ms: ${(figures.earlyP50 / 500).toFixed(2)}× the target (the early reply kept in ${figures.earlyKept} of ${figures.finished}; ${figures.earlyThrownAway} begun and thrown away)`,
  );
  report(
    `    rules without start early ${figures.rulesP50.toFixed(0)} ms (quiet ${figures.rulesWaitP50.toFixed(0)} + words ${figures.wordsP50.toFixed(0)} + reply ${replyMs.toFixed(0)}), ${(figures.rulesP50 / figures.earlyP50).toFixed(2)}×; old fixed ${FIXED_QUIET_MS} ms wait ${figures.fixedP50.toFixed(0)} ms, ${(figures.fixedP50 / figures.earlyP50).toFixed(2)}×`,
  );
  report(
    `    by voice, with start early: ${figures.byVoice.map((each) => `${each.voice} ${each.p50.toFixed(0)} ms (${each.count}; words heard with ${(each.wordErrorRate * 100).toFixed(0)}% WER)`).join(", ")}`,
  );
  report(
    `  unfinished utterances cut off at the thinking pause: turn-end rules ${share(figures.rulesCutShare)}, old fixed wait ${share(figures.fixedCutShare)}; target ≤ 5%`,
  );
  for (const each of results.filter((result) => result.rulesCut || result.rulesWaitMs > 1000)) {
    report(
      `    ${each.utterance.name}: waited ${each.rulesWaitMs.toFixed(0)} ms${each.rulesCut ? ", cut off" : ""} (${each.reason}; heard "${each.words}")`,
    );
  }
}

export const spokenSuite: BenchSuite = {
  name: "spoken",
  async run(report) {
    const site = await startBenchSite("spoken", process.env);
    try {
      const status = (await (await fetch(`${site.base}/api/transcriptions`)).json()) as {
        provider: string | null;
      };
      if (!status.provider) {
        report(
          "skipped: no local speech-to-text on this machine (apt install pocketsphinx pocketsphinx-en-us)",
        );
        return;
      }
      const synthesizer = await site.app.synthesizer();
      if (!synthesizer) throw new Error("no synthesizer to speak the question");
      const { audio } = await synthesizer.synthesize({ text: QUESTION });
      const wav = encodeWav(audio);
      const speechMs = audioDurationMs(audio);
      const speech = (await resampleClip(audio, STREAM_SAMPLE_RATE)).samples;
      const streamed: number[] = [];
      const uploaded: number[] = [];
      const typed: number[] = [];
      let heard = "";
      for (let round = 0; round <= ROUNDS; round++) {
        // Fresh conversations each round, so history does not grow; round 0 warms up.
        const conversations = await Promise.all(
          [0, 1, 2].map(() => site.app.store.conversations.create("default")),
        );
        const [streamedTo, uploadedTo, typedTo] = conversations.map((each) => each.id) as [
          string,
          string,
          string,
        ];
        const endStream = await streamAsSpoken(site, speech);
        // The page has just heard enough quiet: from here on, everything is waiting for the twin.
        const decided = performance.now();
        const streamedMs = await firstAudio(
          site,
          streamedTo,
          async () => {
            heard = await endStream();
            return heard;
          },
          decided,
        );
        const uploadedMs = await firstAudio(
          site,
          uploadedTo,
          async () => {
            const response = await fetch(`${site.base}/api/transcriptions`, {
              method: "POST",
              headers: { "content-type": "audio/wav" },
              body: wav,
            });
            return ((await response.json()) as { text: string }).text;
          },
          performance.now(),
        );
        const typedMs = await firstAudio(site, typedTo, async () => heard, performance.now());
        if (round === 0) continue;
        streamed.push(END_OF_SPEECH_QUIET_MS + streamedMs);
        uploaded.push(END_OF_SPEECH_QUIET_MS + uploadedMs);
        typed.push(typedMs);
      }
      const p50 = median(streamed);
      report(`question: ${(speechMs / 1000).toFixed(2)} s of speech (${status.provider}); heard "${heard}"`);
      report(
        `end of speech → first audio, streamed while spoken, after the old fixed quiet: p50 ${p50.toFixed(0)} ms = ${END_OF_SPEECH_QUIET_MS} ms waiting for quiet + ${(p50 - END_OF_SPEECH_QUIET_MS).toFixed(0)} ms; target ≤ ${TARGET_MS} ms: ${(p50 / TARGET_MS).toFixed(2)}× the target (${ROUNDS} rounds)`,
      );
      report(
        `  recording uploaded after the quiet (the fallback): p50 ${median(uploaded).toFixed(0)} ms, ${(median(uploaded) / p50).toFixed(2)}× the streamed figure`,
      );
      const afterQuiet = p50 - END_OF_SPEECH_QUIET_MS;
      report(
        `  baseline, same run: the words heard, typed → first audio p50 ${median(typed).toFixed(0)} ms; after the quiet, streamed speech takes ${(afterQuiet / median(typed)).toFixed(2)}× that`,
      );
      const transcriber = await selectProvider("speech-to-text", site.app.config);
      if (transcriber) await terminal(transcriber, speech, report);
      if (transcriber) await turnTaking(transcriber, synthesizer, median(typed), report);
    } finally {
      await site.close();
    }
  },
};
