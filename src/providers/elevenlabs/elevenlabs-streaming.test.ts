import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createElevenLabsSynthesizer } from "./elevenlabs-synthesizer.js";
import { type FakeElevenLabs, startFakeElevenLabs } from "./test-support/fake-elevenlabs.js";

const TEXT = "That's a good question. I grew up by the sea, so I learned to swim early in the cold water.";
let fake: FakeElevenLabs;

beforeAll(async () => {
  fake = await startFakeElevenLabs({ chunkDelayMs: 30 });
});
afterAll(() => fake.close());

describe("ElevenLabs speech in pieces from the streaming endpoint", () => {
  it("gives pieces that end on whole words, play end to end as the whole, and keep visemes within 40 ms", async () => {
    const synthesizer = createElevenLabsSynthesizer({ apiKey: fake.key, baseURL: fake.baseURL });
    const started = performance.now();
    const arrivals: number[] = [];
    const pieces = [];
    for await (const piece of synthesizer.synthesizeStream({
      text: TEXT,
      voice: "elevenlabs:21m00Tcm4TlvDq8ikWAM",
    })) {
      arrivals.push(performance.now() - started);
      pieces.push(piece);
    }
    expect(fake.requests.at(-1)?.path).toBe(
      "/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/stream/with-timestamps?output_format=pcm_16000",
    );
    const truth = fake.lastAlignment;
    if (!truth) throw new Error("the fake made no speech");
    // The fake sends a part every 30 ms; the first piece is out long before the last part.
    expect(pieces.length).toBeGreaterThan(2);
    expect(arrivals[0]).toBeLessThan((arrivals.at(-1) as number) - 60);

    // End to end, the pieces are the fake's whole utterance.
    const total = pieces.reduce((sum, piece) => sum + piece.audio.samples.length, 0);
    expect(total).toBe(Math.round((truth.ends.at(-1) as number) * 16_000));
    // Whole words only: the words of all pieces, in order, are the text's words.
    const words = pieces.flatMap((piece) => piece.timeline.words.map((word) => word.text));
    expect(words.join(" ")).toBe(TEXT.replace(/[.,]/g, "").replace(/\s+/g, " "));

    // Each piece's visemes, shifted to where the piece starts, lie on the fake's character boundaries.
    const boundaries = [...truth.starts, ...truth.ends].map((t) => t * 1000);
    let offsetMs = 0;
    for (const piece of pieces) {
      expect(piece.timeline.duration).toBe(Math.round((piece.audio.samples.length / 16_000) * 1000));
      for (const viseme of piece.timeline.visemes) {
        const at = offsetMs + viseme.start;
        expect(Math.min(...boundaries.map((b) => Math.abs(b - at)))).toBeLessThanOrEqual(40);
      }
      offsetMs += (piece.audio.samples.length / 16_000) * 1000;
    }
  });
});
