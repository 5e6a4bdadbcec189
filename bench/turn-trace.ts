/**
 * For whoever tunes the turn-end rules: plays the turn-taking set to the live recogniser at the pace spoken, as the
 * page does, but never ends a turn, and writes what the rules would have seen at every moment of every pause (the
 * words, the recogniser's confidence in each) and the audio itself. `turn-replay.ts` then tries rules on that trace in
 * a second instead of a seven-minute bench run. The recogniser's words depend only on the audio and how it was fed,
 * not on the rules, so a replay decides as the live run would have.
 *
 *   node --import tsx bench/turn-trace.ts trace.json
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openApp } from "../src/app/app.js";
import { TurnEndDetector } from "../src/audio-input/turn-end-detector.js";
import { parseConfig } from "../src/config.js";
import { STREAM_SAMPLE_RATE, type TranscriptionStream } from "../src/core/transcriber.js";
import { selectProvider } from "../src/providers/select.js";
import { BLOCK, CHUNK, PAUSE_CHUNK, PREROLL } from "./turn-taking.js";
import { turnTakingSet } from "./turn-taking-set.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface TraceMoment {
  /** End of the block, in samples. */
  at: number;
  words: string;
  confidences: (number | undefined)[];
}

export interface TracedUtterance {
  name: string;
  kind: string;
  speechEnd: number;
  lastPartStart: number;
  /** The samples, base64 of little-endian int16. */
  audio: string;
  /** Every change of the words, and where it was seen. */
  moments: TraceMoment[];
}

async function trace(out: string) {
  const dataDir = mkdtempSync(join(tmpdir(), "aitwin-trace-"));
  const app = await openApp(parseConfig({ ...process.env, AITWIN_DATA_DIR: dataDir }));
  const transcriber = await selectProvider("speech-to-text", app.config);
  const synthesizer = await app.synthesizer();
  if (!transcriber?.openStream || !synthesizer)
    throw new Error("needs a streaming recogniser and a synthesiser");
  const set = await turnTakingSet(synthesizer);
  transcriber.prepareStream?.();
  await sleep(2000);
  const traced: TracedUtterance[] = [];
  for (const utterance of set) {
    const detector = new TurnEndDetector({ sampleRate: STREAM_SAMPLE_RATE, fixedQuietMs: 1e9 });
    const moments: TraceMoment[] = [];
    let stream: TranscriptionStream | undefined;
    let sentTo = 0;
    let heardTo = 0;
    const look = () => {
      const words = stream?.heardSoFar?.() ?? "";
      if (words === (moments.at(-1)?.words ?? "")) return;
      const confidences = (stream?.heardWordsSoFar?.() ?? []).map((word) => word.confidence);
      moments.push({ at: heardTo, words, confidences });
    };
    let stop: (() => void) | undefined;
    const started = performance.now();
    const { samples } = utterance;
    for (let at = 0; at < samples.length; at += BLOCK) {
      await sleep(Math.max(0, started + ((at + BLOCK) / STREAM_SAMPLE_RATE) * 1000 - performance.now()));
      const block = samples.subarray(at, at + BLOCK);
      heardTo = at + block.length;
      const event = detector.push(Float32Array.from(block, (value) => value / 32768));
      if (event === "speech-start") {
        stream = transcriber.openStream({ language: "en" });
        stop = stream.onHeard?.(look);
        sentTo = Math.max(0, at - PREROLL);
      }
      const due = detector.inSpeech && detector.quiet > 0 ? PAUSE_CHUNK : CHUNK;
      if (stream && heardTo - sentTo >= due) {
        stream.write(samples.subarray(sentTo, heardTo));
        sentTo = heardTo;
      }
      look();
    }
    stop?.();
    stream?.cancel();
    traced.push({
      name: utterance.name,
      kind: utterance.kind,
      speechEnd: utterance.speechEnd,
      lastPartStart: utterance.lastPartStart,
      audio: Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).toString("base64"),
      moments,
    });
    process.stderr.write(`${utterance.name}: ${moments.at(-1)?.words ?? ""}\n`);
    await sleep(2000);
  }
  writeFileSync(out, JSON.stringify(traced));
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}

await trace(process.argv[2] ?? "turn-trace.json");
process.exit(0);
