import { describe, expect, it } from "vitest";
import { decodeAudio } from "./decode-audio.js";
import { SileroVad } from "./silero-vad.js";
import { CARDS } from "./test-support/recordings.js";
import type { TurnEndDecision } from "./turn-end-rules.js";
import { utterancesFromPcm } from "./utterances.js";

/** Two recorded phrases with a 1 s pause between them, as PCM bytes in 20 ms blocks (a microphone's pace, unpaced). */
async function* twoPhrasesWithAPause(): AsyncGenerator<Uint8Array> {
  const first = (await decodeAudio(CARDS[0] as string)).samples;
  const second = (await decodeAudio(CARDS[2] as string)).samples;
  const samples = new Int16Array(8000 + first.length + 16_000 + second.length + 32_000);
  samples.set(first, 8000);
  samples.set(second, 8000 + first.length + 16_000);
  const bytes = new Uint8Array(samples.buffer);
  for (let offset = 0; offset < bytes.length; offset += 640) yield bytes.slice(offset, offset + 640);
}

/** How `aitwin chat` cuts the same audio into turns, given what the recogniser says it has heard so far. */
async function turns(words: string) {
  const decisions: TurnEndDecision[] = [];
  const clips = [];
  /** Start early, in order, with how many utterances had been yielded at each step. */
  const early: string[] = [];
  const options = {
    wordsSoFar: () => words,
    onTurnEnd: (decision: TurnEndDecision) => decisions.push(decision),
    early: {
      start: (heard: string) => early.push(`start ${heard} @${clips.length}`),
      cancel: () => early.push(`cancel @${clips.length}`),
    },
  };
  for await (const clip of utterancesFromPcm(twoPhrasesWithAPause(), await SileroVad.create(), options)) {
    clips.push(clip);
  }
  return { clips, decisions, early };
}

describe("aitwin chat's end of turn", () => {
  it("waits through a 1 s pause after a word a sentence cannot end on, and ends a finished question at it", async () => {
    const trailing = await turns("ten of clubs and");
    expect(trailing.clips).toHaveLength(1);
    expect(trailing.decisions.at(-1)?.shape).toBe("unfinished");
    const question = await turns("what is your favourite card");
    expect(question.clips).toHaveLength(2);
    expect(question.decisions[0]).toMatchObject({ shape: "finished-question" });
  });

  it("begins the reply early at the pause, and throws it away when the person goes on", async () => {
    const trailing = await turns("ten of clubs and");
    // Begun in the pause, thrown away when the second phrase started, begun again at the end (kept by chat).
    expect(trailing.early).toEqual(["start ten of clubs and @0", "cancel @0", "start ten of clubs and @0"]);
    const question = await turns("what is your favourite card");
    // Begun in the pause that ended the turn, before the utterance was handed on, and never thrown away there.
    expect(question.early[0]).toBe("start what is your favourite card @0");
    expect(question.early.filter((step) => step.startsWith("cancel"))).toEqual([]);
  });
});
