/**
 * Local models: speech-to-text real-time factor (processing time / audio time; below 1 is faster than real time)
 * for every recogniser that is available, with its word error rate on the LibriVox recordings of
 * pocketsphinx-testdata; and the local LLM's time to first token and tokens per second on the tiny fixture GGUF.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeAudio } from "../src/audio-input/decode-audio.js";
import { librivoxRecordings } from "../src/audio-input/test-support/recordings.js";
import { wordErrorRate } from "../src/audio-input/word-error-rate.js";
import { buildSystemPrompt } from "../src/brain/prompt-builder.js";
import { testTwin } from "../src/brain/test-twin.js";
import { parseConfig } from "../src/config.js";
import { audioDurationMs } from "../src/core/audio.js";
import { candidates } from "../src/providers/candidates.js";
import { LlamaCppChatModel } from "../src/providers/llama-cpp/llama-chat-model.js";
import { loadGguf } from "../src/providers/llama-cpp/llama-runtime.js";
import { type BenchSuite, median } from "./suite.js";

const FIXTURE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../shared/fixtures/models/llama-2-tiny-random.gguf",
);

async function speechToText(report: (line: string) => void): Promise<void> {
  const config = parseConfig({
    ...process.env,
    AITWIN_DATA_DIR: process.env.AITWIN_DATA_DIR ?? mkdtempSync(join(tmpdir(), "aitwin-bench-")),
  });
  const recordings = await Promise.all(
    librivoxRecordings().map(async (recording) => ({
      ...recording,
      clip: await decodeAudio(recording.path),
    })),
  );
  for (const candidate of candidates) {
    if (candidate.stage !== "speech-to-text") continue;
    const availability = await candidate.check(config);
    if (!availability.available) {
      report(`stt ${candidate.id}: skipped (${availability.reason})`);
      continue;
    }
    const transcriber = await candidate.create(config);
    const factors: number[] = [];
    const errors: number[] = [];
    for (const recording of recordings) {
      const started = performance.now();
      const transcript = await transcriber.transcribe(recording.clip);
      factors.push((performance.now() - started) / audioDurationMs(recording.clip));
      errors.push(wordErrorRate(recording.reference, transcript.text));
    }
    const meanError = errors.reduce((sum, each) => sum + each, 0) / errors.length;
    report(
      `stt ${candidate.id}: real-time factor p50 ${median(factors).toFixed(3)} (${(1 / median(factors)).toFixed(1)}x real time), ` +
        `WER ${(meanError * 100).toFixed(1)}% over ${recordings.length} LibriVox sentences`,
    );
  }
}

async function localLlm(report: (line: string) => void): Promise<void> {
  const twin = testTwin();
  const question = "Tell me about your weekends.";
  const system = buildSystemPrompt(twin, [], question);
  const loadStarted = performance.now();
  const brain = new LlamaCppChatModel({ modelPath: FIXTURE, maxReplyTokens: 64, temperature: 0 });
  await brain.load();
  report(
    `llm load (tiny random GGUF, template ${await brain.templateName()}): ${(performance.now() - loadStarted).toFixed(0)} ms`,
  );
  const model = await loadGguf(FIXTURE);
  const firstToken: number[] = [];
  const rates: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    let first: number | undefined;
    let reply = "";
    const messages = [{ role: "user" as const, content: `${question} (${run})` }];
    for await (const piece of brain.stream({ twin, memories: [], messages, passages: [], system })) {
      first ??= performance.now();
      reply += piece;
    }
    const ended = performance.now();
    const tokens = model.tokenize(reply).length;
    firstToken.push((first ?? ended) - started);
    if (first !== undefined && tokens > 1) rates.push((tokens - 1) / ((ended - first) / 1000));
  }
  report(
    `llm time to first token p50 ${median(firstToken).toFixed(1)} ms (persona prompt ${model.tokenize(system).length} tokens)`,
  );
  report(`llm generation p50 ${median(rates).toFixed(0)} tokens/s`);
  await brain.close();
}

export const localModelsSuite: BenchSuite = {
  name: "local-models",
  async run(report) {
    await speechToText(report);
    await localLlm(report);
  },
};
