/**
 * Voice: synthesis speed as a multiple of real time per flite voice (the in-run baseline is the audio's own length),
 * the cost of our timeline work over the bare WASM call, and time to first audio of a multi-sentence reply.
 */

import type { Synthesizer } from "../src/core/synthesizer.js";
import { compose, sentenceStage, textParts, voiceStage } from "../src/pipeline/stages.js";
import { createElevenLabsSynthesizer } from "../src/providers/elevenlabs/elevenlabs-synthesizer.js";
import { elevenLabsWithLocal } from "../src/providers/elevenlabs/elevenlabs-with-local.js";
import { startFakeElevenLabs } from "../src/providers/elevenlabs/test-support/fake-elevenlabs.js";
import { runFlite } from "../src/providers/flite/flite-module.js";
import { createFliteSynthesizer } from "../src/providers/flite/flite-synthesizer.js";
import {
  FLITE_VOICES,
  TUNABLE_FLITE_VOICES,
  VOICE_DURATION_STRETCH,
} from "../src/providers/flite/flite-voices.js";
import { visemesFromAudio } from "../src/voice/audio-visemes.js";
import { espeakSample, sampleFolder } from "../src/voice/test-support/voice-samples.js";
import { parseTunedVoice } from "../src/voice/tuned-voice.js";
import { measureVoiceSample } from "../src/voice/voice-sample.js";
import { tuneVoice } from "../src/voice/voice-tuning.js";
import { type BenchSuite, median } from "./suite.js";

const SENTENCE =
  "I remember when we went to the beach, and the water was so cold that nobody wanted to swim.";
const REPLY =
  "That's a good question. I grew up by the sea, so I learned to swim early. These days I mostly walk along the coast on weekends, and I still love it.";
const RUNS = 7;

/**
 * A reply whose first sentence is long (a hundred characters): streaming can only help a sentence the service sends
 * in more than one part, and a short first sentence ("That's a good question.") comes in one.
 */
const LONG_FIRST_SENTENCE =
  "I grew up by the sea in a small town where everybody knew the tides, so I learned to swim very early. These days I mostly walk along the coast. I still love it.";

/** Time from the first word of a reply to its first audio, through the stages a live turn runs. */
async function firstAudioOfReply(synthesizer: Synthesizer, voice: string, text = REPLY): Promise<number> {
  const start = performance.now();
  const turn = new AbortController();
  const reply = async function* () {
    for (const word of text.split(/(?<= )/)) yield word;
  };
  const stages = [sentenceStage, voiceStage(synthesizer, { id: voice })];
  try {
    for await (const part of compose(textParts(reply(), turn.signal), stages, turn.signal)) {
      if (part.type === "audio-chunk") return performance.now() - start;
    }
    throw new Error("the reply made no audio");
  } finally {
    turn.abort();
  }
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

export const voiceSuite: BenchSuite = {
  name: "voice",
  async run(report) {
    const synthesizer = createFliteSynthesizer();
    await synthesizer.synthesize({ text: "Warm up.", voice: "slt" });
    // "new words": a synthesizer that has not yet said any of the sentence's words, so it also runs flite's front
    // end once for their phones alone (word timing); a conversation's words are mostly known after a few turns.
    report(
      "voice   realtime×  ms/sentence  vs bare flite  (new words)  first audio of 3-sentence reply (ms, × its audio)",
    );
    for (const { id: voice } of FLITE_VOICES) {
      const ours: number[] = [];
      const bare: number[] = [];
      const newWords: number[] = [];
      let audioMs = 0;
      for (let run = 0; run < RUNS; run++) {
        const [speech, elapsed] = await timed(() => synthesizer.synthesize({ text: SENTENCE, voice }));
        audioMs = speech.timeline.duration;
        ours.push(elapsed);
        bare.push((await timed(() => runFlite(["-voice", voice, "-t", SENTENCE, "-o", "/bare.wav"])))[1]);
        const fresh = createFliteSynthesizer();
        newWords.push((await timed(() => fresh.synthesize({ text: SENTENCE, voice })))[1]);
      }
      const firstAudio: number[] = [];
      let firstAudioMs = 0;
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        const turn = new AbortController();
        const signal = turn.signal;
        const stages = [sentenceStage, voiceStage(synthesizer, { id: voice })];
        const reply = async function* () {
          // The reply arrives word by word, as from a brain.
          for (const word of REPLY.split(/(?<= )/)) yield word;
        };
        for await (const part of compose(textParts(reply(), signal), stages, signal)) {
          if (part.type !== "audio-chunk") continue;
          firstAudio.push(performance.now() - start);
          firstAudioMs = (part.audio.samples.length / part.audio.sampleRate) * 1000;
          break;
        }
        // Stop the sentences still being spoken, as a finished turn would, so they do not slow the next run.
        turn.abort();
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const realtime = audioMs / median(ours);
      report(
        `${voice.padEnd(7)} ${realtime.toFixed(0).padStart(8)}×  ${median(ours).toFixed(1).padStart(11)}  ${(median(ours) / median(bare)).toFixed(2).padStart(12)}×  ${(median(newWords) / median(bare)).toFixed(2).padStart(10)}×  ${median(firstAudio).toFixed(1)} ms (${(median(firstAudio) / firstAudioMs).toFixed(3)}× of its ${firstAudioMs.toFixed(0)} ms)`,
      );
    }
    // The server's process holds much more (fastify, the store, the face models, the VAD): garbage collection, which
    // each synthesis's fresh WASM memory triggers, costs more there. The same sentence with all of that loaded:
    await import("../src/server/app-server.js");
    await import("../src/avatar/node/face-detector.js");
    await import("../src/audio-input/silero-vad.js");
    const loaded: number[] = [];
    let loadedAudioMs = 0;
    for (let run = 0; run < RUNS; run++) {
      const [speech, elapsed] = await timed(() => synthesizer.synthesize({ text: SENTENCE, voice: "slt" }));
      loadedAudioMs = speech.timeline.duration;
      loaded.push(elapsed);
    }
    report(
      `slt in a process with the whole server loaded: ${(loadedAudioMs / median(loaded)).toFixed(0)}× real time`,
    );
    const speech = await synthesizer.synthesize({ text: SENTENCE, voice: "rms" });
    const audioOnly: number[] = [];
    for (let run = 0; run < RUNS; run++)
      audioOnly.push((await timed(async () => visemesFromAudio(speech.audio)))[1]);
    report(`audio-only visemes: ${(speech.timeline.duration / median(audioOnly)).toFixed(0)}× real time`);
    await tunedVoices(report);
    await elevenLabsThroughFake(report);
  },
};

/**
 * Voices tuned to three stand-in speakers: the tuning's own time, then speed against bare flite in the same loop, both
 * plain (the base voice, nothing set) and given the same settings on its command line (pitch targets, stretch), so
 * that what the wrapper adds (word timing, visemes, the tilt) shows apart from what the settings do.
 */
async function tunedVoices(report: (line: string) => void) {
  const synthesizer = createFliteSynthesizer();
  const folder = await sampleFolder();
  // CPU time beside wall time: on a machine shared with other work, the wall clock counts their time too.
  report(
    "tuned voice                                        tuning (s)  realtime×  on CPU time  vs bare flite  (same settings)  vs its base",
  );
  for (const speaker of ["espeakFemale", "espeakLight", "espeakLow"] as const) {
    const [tuning, tuningMs] = await timed(async () =>
      tuneVoice(
        synthesizer,
        TUNABLE_FLITE_VOICES,
        await measureVoiceSample(await espeakSample(folder, speaker)),
      ),
    );
    const tuned: number[] = [];
    const tunedCpu: number[] = [];
    const base: number[] = [];
    const bare: number[] = [];
    const bareTuned: number[] = [];
    const settings = bareSettings(tuning.voice);
    let audioMs = 0;
    for (let run = 0; run < RUNS; run++) {
      const cpu = process.cpuUsage();
      const [speech, elapsed] = await timed(() =>
        synthesizer.synthesize({ text: SENTENCE, voice: tuning.voice }),
      );
      const used = process.cpuUsage(cpu);
      tunedCpu.push((used.user + used.system) / 1000);
      audioMs = speech.timeline.duration;
      tuned.push(elapsed);
      base.push((await timed(() => synthesizer.synthesize({ text: SENTENCE, voice: tuning.base })))[1]);
      bare.push((await timed(() => runFlite(["-voice", tuning.base, "-t", SENTENCE, "-o", "/bare.wav"])))[1]);
      bareTuned.push(
        (
          await timed(() => runFlite(["-voice", tuning.base, ...settings, "-t", SENTENCE, "-o", "/bare.wav"]))
        )[1],
      );
    }
    report(
      `${tuning.voice.padEnd(50)} ${(tuningMs / 1000).toFixed(1).padStart(10)}  ${(audioMs / median(tuned)).toFixed(0).padStart(8)}×  ${(audioMs / median(tunedCpu)).toFixed(0).padStart(10)}×  ${(median(tuned) / median(bare)).toFixed(2).padStart(12)}×  ${(median(tuned) / median(bareTuned)).toFixed(2).padStart(14)}×  ${(median(tuned) / median(base)).toFixed(2).padStart(10)}×`,
    );
  }
  report(
    "  bare flite: flite -voice BASE -t TEXT -o FILE; same settings: with --setf for pitch, spread and stretch",
  );
}

/** flite's own command-line settings for a tuned voice id: what bare flite is given to make the same voice. */
function bareSettings(voice: string): string[] {
  const tuning = parseTunedVoice(voice);
  if (!tuning) return [];
  return [
    "--setf",
    `duration_stretch=${(VOICE_DURATION_STRETCH[tuning.base] ?? 1) * tuning.stretch}`,
    "--setf",
    `int_f0_target_mean=${tuning.pitch}`,
    "--setf",
    `int_f0_target_stddev=${tuning.spread}`,
  ];
}

/** First audio through the loopback ElevenLabs (its streaming endpoint) against the whole with-timestamps answer. */
async function elevenLabsThroughFake(report: (line: string) => void) {
  const fake = await startFakeElevenLabs({ chunkDelayMs: 20 });
  try {
    const synthesizer = createElevenLabsSynthesizer({ apiKey: fake.key, baseURL: fake.baseURL });
    await synthesizer.synthesize({ text: "Warm up." });
    const first: number[] = [];
    const whole: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      let firstAt = 0;
      await synthesizer.streamSpeech({ text: REPLY }, () => {
        firstAt ||= performance.now() - start;
      });
      first.push(firstAt);
      whole.push((await timed(() => synthesizer.synthesize({ text: REPLY })))[1]);
    }
    report(
      `ElevenLabs (loopback fake, 20 ms between streamed parts): first audio ${median(first).toFixed(1)} ms streamed vs ${median(whole).toFixed(1)} ms for the whole with-timestamps answer (${(median(first) / median(whole)).toFixed(2)}×)`,
    );
    // A live turn's path: the reply word by word through the sentence and voice stages, as the conversation runs
    // them, with the voice streaming each sentence in pieces, against the same stages waiting for each whole sentence.
    const streaming = elevenLabsWithLocal(synthesizer, createFliteSynthesizer());
    const unstreamed: Synthesizer = {
      provider: synthesizer.provider,
      modelId: synthesizer.modelId,
      voices: () => synthesizer.voices(),
      synthesize: (request) => synthesizer.synthesize(request),
    };
    const voice = "elevenlabs:21m00Tcm4TlvDq8ikWAM";
    for (const [label, text] of [
      ["short first sentence", REPLY],
      ["first sentence of 101 characters", LONG_FIRST_SENTENCE],
    ] as const) {
      const turnStreamed: number[] = [];
      const turnWhole: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        turnStreamed.push(await firstAudioOfReply(streaming, voice, text));
        turnWhole.push(await firstAudioOfReply(unstreamed, voice, text));
      }
      report(
        `ElevenLabs in a live turn (${label}; sentence and voice stages): first audio ${median(turnStreamed).toFixed(1)} ms streaming each sentence vs ${median(turnWhole).toFixed(1)} ms waiting for each whole sentence (${(median(turnStreamed) / median(turnWhole)).toFixed(2)}×)`,
      );
    }
  } finally {
    await fake.close();
  }
}
