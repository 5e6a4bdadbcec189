import { describe, expect, it } from "vitest";
import { type SegmentEvent, SpeechSegmenter } from "./speech-segmenter.js";

function run(probabilities: number[], options = {}): SegmentEvent[] {
  const segmenter = new SpeechSegmenter({ frameMs: 100, minSpeechMs: 200, endSilenceMs: 300, ...options });
  const events = probabilities.map((probability) => segmenter.push(probability));
  events.push(segmenter.flush());
  return events.filter((event): event is SegmentEvent => event !== undefined);
}

describe("SpeechSegmenter", () => {
  it("finds an utterance, excluding the trailing silence", () => {
    expect(run([0, 0, 0.9, 0.9, 0.8, 0, 0, 0, 0, 0])).toEqual([
      { type: "speech-start", frame: 2 },
      { type: "speech-end", startFrame: 2, endFrame: 5 },
    ]);
  });

  it("does not end an utterance on a pause shorter than the end silence", () => {
    const events = run([0.9, 0.9, 0, 0, 0.9, 0.9, 0, 0, 0, 0]);
    expect(events.filter((event) => event.type === "speech-end")).toEqual([
      { type: "speech-end", startFrame: 0, endFrame: 6 },
    ]);
  });

  it("ignores a blip shorter than the minimum speech", () => {
    expect(run([0, 0.9, 0, 0, 0, 0, 0])).toEqual([]);
  });

  it("keeps speech going between the end and start thresholds (hysteresis)", () => {
    const events = run([0.9, 0.4, 0.4, 0.4, 0.4, 0, 0, 0]);
    expect(events.at(-1)).toEqual({ type: "speech-end", startFrame: 0, endFrame: 5 });
  });

  it("closes an utterance still open when the stream ends", () => {
    expect(run([0, 0.9, 0.9, 0.9]).at(-1)).toEqual({ type: "speech-end", startFrame: 1, endFrame: 4 });
  });
});
