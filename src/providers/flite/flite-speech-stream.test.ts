import { describe, expect, it } from "vitest";
import type { Part } from "../../core/parts.js";
import { compose, sentenceStage, textParts, voiceStage } from "../../pipeline/stages.js";
import { joinSpeech } from "../../voice/join-speech.js";
import { createFliteSynthesizer } from "./flite-synthesizer.js";

const synthesizer = createFliteSynthesizer();

describe("speaking streamed text sentence by sentence with flite", () => {
  it("speaks the first sentence before the rest of the text has been written", async () => {
    const events: string[] = [];
    let releaseRest: () => void = () => {};
    const restWritten = new Promise<void>((resolve) => {
      releaseRest = resolve;
    });
    async function* brain() {
      yield "Hello there. ";
      yield "How ";
      events.push("waiting for the brain");
      await restWritten;
      yield "are you today?";
    }
    const signal = new AbortController().signal;
    const stream = compose(
      textParts(brain(), signal),
      [sentenceStage, voiceStage(synthesizer, { id: "kal16" })],
      signal,
    );
    const parts: Part[] = [];
    for await (const part of stream) {
      parts.push(part);
      if (part.type !== "text-delta") events.push(`${part.type} ${"index" in part ? part.index : ""}`);
      if (part.type === "audio-chunk" && part.index === 0) releaseRest();
    }
    expect(events).toEqual([
      "sentence-complete 0",
      "waiting for the brain",
      "visemes-ready 0",
      "audio-chunk 0",
      "sentence-complete 1",
      "visemes-ready 1",
      "audio-chunk 1",
    ]);
    const audio = parts.flatMap((part) => (part.type === "audio-chunk" ? [part.audio.samples.length] : []));
    expect(audio.every((length) => length > 1600)).toBe(true);
  });

  it("joins sentences into one clip whose timeline is shifted to match", async () => {
    const first = await synthesizer.synthesize({ text: "One.", voice: "kal16" });
    const second = await synthesizer.synthesize({ text: "Two.", voice: "kal16" });
    const joined = joinSpeech([first, second]);
    expect(joined.audio.samples.length).toBe(first.audio.samples.length + second.audio.samples.length);
    const offset = Math.round((first.audio.samples.length / 16000) * 1000);
    expect(joined.timeline.words.map((word) => word.text)).toEqual(["One", "Two"]);
    expect(joined.timeline.words[1]?.start).toBe((second.timeline.words[0]?.start ?? 0) + offset);
    expect(joined.timeline.visemes).toHaveLength(
      first.timeline.visemes.length + second.timeline.visemes.length,
    );
  });
});
