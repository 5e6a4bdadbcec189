import { describe, expect, it } from "vitest";
import type { SpeechTimeline, TimedViseme } from "../core/timeline.js";
import { FaceAnimation } from "./face-state.js";
import { speechGestures } from "./speech-gestures.js";
import { buzz } from "./test-support/voiced-buzz.js";

/** "so I really love the sea", with "really" stressed (a long open vowel) and a pause after "so". */
const visemes: TimedViseme[] = [
  { viseme: "sil", start: 0, duration: 200 },
  { viseme: "SS", start: 200, duration: 80 },
  { viseme: "O", start: 280, duration: 90 },
  { viseme: "sil", start: 370, duration: 400 },
  { viseme: "aa", start: 770, duration: 90 },
  { viseme: "RR", start: 860, duration: 70 },
  { viseme: "I", start: 930, duration: 260 },
  { viseme: "nn", start: 1190, duration: 60 },
  { viseme: "I", start: 1250, duration: 80 },
  { viseme: "nn", start: 1330, duration: 70 },
  { viseme: "U", start: 1400, duration: 90 },
  { viseme: "FF", start: 1490, duration: 70 },
  { viseme: "TH", start: 1560, duration: 50 },
  { viseme: "E", start: 1610, duration: 80 },
  { viseme: "SS", start: 1690, duration: 90 },
  { viseme: "I", start: 1780, duration: 100 },
  { viseme: "sil", start: 1880, duration: 300 },
];
const talk: SpeechTimeline = {
  duration: 2180,
  words: [
    { text: "so", start: 200, duration: 170 },
    { text: "I", start: 770, duration: 90 },
    { text: "really", start: 860, duration: 390 },
    { text: "love", start: 1330, duration: 160 },
    { text: "the", start: 1490, duration: 200 },
    { text: "sea", start: 1690, duration: 190 },
  ],
  visemes,
};
/** Only speech moves the head: no idle drift to hide the gestures in. */
const STILL = { stillness: 1 };

function over(from: number, to: number, value: (t: number) => number): number {
  let largest = Number.NEGATIVE_INFINITY;
  for (let t = from; t <= to; t += 10) largest = Math.max(largest, value(t));
  return largest;
}

describe("motion from the speech", () => {
  it("finds the stressed vowel and the pause", () => {
    const gestures = speechGestures(talk);
    expect(gestures.accents.map((accent) => Math.round(accent.at))).toEqual([1008]);
    expect(gestures.pauses.slice(0, 3)).toEqual([
      { start: 0, end: 200 },
      { start: 370, end: 770 },
      { start: 1880, end: 2180 },
    ]);
  });

  it("nods and raises the brows on the stressed word, and keeps still on the others", () => {
    const face = new FaceAnimation(3, STILL);
    const state = (t: number) => face.stateAt(t, { timeline: talk, startedAt: 0 });
    expect(
      over(900, 1300, (t) => state(t).head.pitch),
      "nod on 'really'",
    ).toBeGreaterThan(1.2);
    expect(
      over(900, 1300, (t) => state(t).expression?.brows ?? 0),
      "brows on 'really'",
    ).toBeGreaterThan(0.25);
    expect(
      over(1500, 1800, (t) => Math.abs(state(t).head.pitch)),
      "no nod on 'the sea'",
    ).toBeLessThan(0.1);
    // Less expressive, smaller gestures; none at all with no head motion.
    const calm = new FaceAnimation(3, { ...STILL, expressiveness: 0.5 });
    expect(over(900, 1300, (t) => calm.stateAt(t, { timeline: talk, startedAt: 0 }).head.pitch)).toBeLessThan(
      over(900, 1300, (t) => state(t).head.pitch) * 0.6,
    );
    const fixed = new FaceAnimation(3, { ...STILL, headMotion: 0 });
    expect(
      over(0, 2500, (t) => Math.abs(fixed.stateAt(t, { timeline: talk, startedAt: 0 }).head.pitch)),
    ).toBe(0);
  });

  it("nods on a pitch peak of the audio where the timeline alone stresses nothing", () => {
    // The voice rises six semitones on "sea" (1.69–1.88 s), whose vowel is too short to be stressed by its length.
    const audio = buzz(talk.duration / 1000, (t) => 120 + 50 * Math.exp(-(((t - 1.78) / 0.08) ** 2)));
    const withPeak = speechGestures(talk, undefined, [{ at: 1780, strength: 1 }]);
    expect(withPeak.accents.map((accent) => Math.round(accent.at))).toEqual([1008, 1780]);
    const face = new FaceAnimation(3, STILL);
    const heard = (t: number) => face.stateAt(t, { timeline: talk, startedAt: 0, audio }).head.pitch;
    const read = (t: number) =>
      new FaceAnimation(3, STILL).stateAt(t, { timeline: talk, startedAt: 0 }).head.pitch;
    expect(over(1700, 2100, heard)).toBeGreaterThan(0.5);
    expect(over(1700, 2100, read)).toBeLessThan(over(1700, 2100, heard) * 0.5);
  });

  it("tilts the head as a question ends, not a statement", () => {
    const face = new FaceAnimation(3, STILL);
    const roll = (text: string) =>
      over(1700, 2600, (t) => face.stateAt(t, { timeline: talk, startedAt: 0, text }).head.roll);
    expect(roll("So I really love the sea?")).toBeGreaterThan(3);
    expect(roll("So I really love the sea.")).toBeLessThan(0.1);
  });

  it("blinks in the pauses of speech, never mid-word", () => {
    // Eight copies of the talk back to back: many natural blinks would fall inside words.
    const long: SpeechTimeline = {
      duration: talk.duration * 8,
      words: [],
      visemes: Array.from({ length: 8 }, (_, copy) =>
        visemes.map((viseme) => ({ ...viseme, start: viseme.start + copy * talk.duration })),
      ).flat(),
    };
    const pauses = speechGestures(long).pauses;
    for (const seed of [1, 2, 3]) {
      const face = new FaceAnimation(seed);
      let closedInPause = 0;
      for (let t = 0; t < long.duration; t += 10) {
        const closed = face.stateAt(t, { timeline: long, startedAt: 0 }).eyelids > 0.5;
        const pause = pauses.some((each) => t >= each.start && t < each.end + 300);
        expect(closed && !pause, `seed ${seed}: eyes closed mid-word at ${t} ms`).toBe(false);
        if (closed) closedInPause++;
      }
      expect(closedInPause, `seed ${seed}: blinks in pauses`).toBeGreaterThan(0);
    }
    // And none at all when the twin is set not to blink, listening or speaking.
    const unblinking = new FaceAnimation(1, { blinkRate: 0 });
    expect(over(0, 30_000, (t) => unblinking.stateAt(t).eyelids)).toBe(0);
    expect(
      over(0, long.duration, (t) => unblinking.stateAt(t, { timeline: long, startedAt: 0 }).eyelids),
    ).toBe(0);
  });

  it("shows the twin's mood at rest and the reply's mood while it speaks, then eases back", () => {
    const face = new FaceAnimation(3, { mood: "happy" });
    expect(face.stateAt(100).expression?.smile).toBeGreaterThan(0.5);
    const speaking = face.stateAt(1500, { timeline: talk, startedAt: 0, mood: "serious" }).expression;
    expect(speaking?.smile).toBeLessThan(0);
    expect(face.stateAt(1500 + 2000).expression?.smile).toBeGreaterThan(0.5);
  });

  it("listens visibly while the person speaks: nods now and then, brows up, eyes on them", () => {
    const face = new FaceAnimation(3, STILL);
    const idle = over(0, 4000, (t) => face.stateAt(t).head.pitch);
    const attending = over(0, 4000, (t) => face.stateAt(t, undefined, true).head.pitch);
    expect(idle).toBeLessThan(0.1);
    expect(attending).toBeGreaterThan(1);
    expect(face.stateAt(500, undefined, true).expression?.brows).toBeGreaterThan(0.1);
  });
});
