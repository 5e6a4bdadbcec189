import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { type AudioClip, audioDurationMs } from "../core/audio.js";
import { decodeAudio } from "./decode-audio.js";
import { samplesToPcm } from "./pcm.js";
import { SileroVad } from "./silero-vad.js";
import { CARDS } from "./test-support/recordings.js";
import { speechSpans, trimToSpeech } from "./trim-speech.js";
import { utterancesFromPcm } from "./utterances.js";

const silence = (ms: number): Int16Array => new Int16Array((ms / 1000) * 16_000);

function concat(parts: Int16Array[]): AudioClip {
  const samples = new Int16Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    samples.set(part, offset);
    offset += part.length;
  }
  return { sampleRate: 16_000, samples };
}

let vad: SileroVad;
let first: AudioClip;
let second: AudioClip;
beforeAll(async () => {
  vad = await SileroVad.create();
  first = await decodeAudio(CARDS[0] as string);
  second = await decodeAudio(CARDS[4] as string);
});

describe("Silero VAD", () => {
  it("scores speech high and silence low", async () => {
    const speechScores = await vad.probabilities(first);
    const silenceScores = await vad.probabilities({ sampleRate: 16_000, samples: silence(1000) });
    expect(Math.max(...speechScores)).toBeGreaterThan(0.8);
    expect(Math.max(...silenceScores)).toBeLessThan(0.2);
  });

  it("trims leading and trailing silence from an upload, and finds nothing in silence", async () => {
    const padded = concat([silence(2000), first.samples, silence(2000)]);
    const trimmed = await trimToSpeech(padded, vad);
    expect(trimmed).toBeDefined();
    const duration = audioDurationMs(trimmed as AudioClip);
    expect(duration).toBeLessThan(audioDurationMs(first) + 600);
    expect(duration).toBeGreaterThan(audioDurationMs(first) - 800);
    expect(await trimToSpeech({ sampleRate: 16_000, samples: silence(3000) }, vad)).toBeUndefined();
  });

  it("cuts a live stream into one utterance per sentence at the pauses", async () => {
    const stream = concat([silence(800), first.samples, silence(1500), second.samples, silence(1200)]);
    const spans = await speechSpans(stream, vad, { endSilenceMs: 700 });
    expect(spans).toHaveLength(2);
    // Odd-sized chunks, as a recorder delivers them.
    const bytes = samplesToPcm(stream.samples);
    const chunks = [];
    for (let offset = 0; offset < bytes.length; offset += 3001)
      chunks.push(bytes.slice(offset, offset + 3001));
    let starts = 0;
    const utterances: AudioClip[] = [];
    for await (const clip of utterancesFromPcm(Readable.from(chunks), vad, {
      onSpeechStart: () => starts++,
    })) {
      utterances.push(clip);
    }
    expect(utterances).toHaveLength(2);
    expect(starts).toBe(2);
    const lengths = utterances.map(audioDurationMs);
    expect(Math.abs((lengths[0] as number) - audioDurationMs(first))).toBeLessThan(900);
    expect(Math.abs((lengths[1] as number) - audioDurationMs(second))).toBeLessThan(900);
  });
});
