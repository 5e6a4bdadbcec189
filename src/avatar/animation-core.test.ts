import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { SpeechTimeline } from "../core/timeline.js";
import { FaceAnimation } from "./face-state.js";
import { IdleMotion } from "./idle-motion.js";
import { VISEME_SHAPES } from "./mouth-shapes.js";
import { mouthAt } from "./mouth-track.js";

const talk: SpeechTimeline = {
  duration: 1000,
  words: [],
  visemes: [
    { viseme: "sil", start: 0, duration: 200 },
    { viseme: "aa", start: 200, duration: 300 },
    { viseme: "PP", start: 500, duration: 100 },
    { viseme: "U", start: 600, duration: 300, weight: 0.5 },
  ],
};

describe("mouthAt", () => {
  it("reaches each viseme's shape in its middle and rests outside speech", () => {
    expect(mouthAt(talk, 350).jaw).toBeCloseTo(VISEME_SHAPES.aa.jaw, 5);
    expect(mouthAt(talk, 100).jaw).toBe(0);
    expect(mouthAt(talk, 5000)).toEqual(VISEME_SHAPES.sil);
    // A half-weight viseme is half expressed.
    expect(mouthAt(talk, 750).wide).toBeCloseTo(VISEME_SHAPES.U.wide * 0.5, 5);
  });

  it("moves smoothly and starts opening before the vowel (coarticulation)", () => {
    expect(mouthAt(talk, 180).jaw).toBeGreaterThan(0.01);
    let largestStep = 0;
    for (let t = 0; t < 1000; t += 5) {
      largestStep = Math.max(largestStep, Math.abs(mouthAt(talk, t + 5).jaw - mouthAt(talk, t).jaw));
    }
    // A 5 ms step never jumps more than a small part of the full aa-to-PP swing.
    expect(largestStep).toBeLessThan(0.1);
  });
});

describe("bilabial closure", () => {
  it("closes the lips fully inside a short p between open vowels, which blending alone would leave ajar", () => {
    const short: SpeechTimeline = {
      duration: 700,
      words: [],
      visemes: [
        { viseme: "aa", start: 0, duration: 300 },
        { viseme: "PP", start: 300, duration: 60 },
        { viseme: "aa", start: 360, duration: 340 },
      ],
    };
    const middle = mouthAt(short, 330);
    expect(middle.open).toBeCloseTo(VISEME_SHAPES.PP.open, 5);
    expect(middle.jaw).toBeCloseTo(VISEME_SHAPES.PP.jaw, 5);
    expect(mouthAt(short, 150).jaw).toBeCloseTo(VISEME_SHAPES.aa.jaw, 5);
  });
});

describe("IdleMotion", () => {
  it("blinks at irregular natural intervals, the same for the same seed", () => {
    const motion = new IdleMotion(7);
    const starts: number[] = [];
    for (let t = 0; t < 60_000; t += 10) {
      if (motion.eyelidsAt(t) > 0.9 && !(motion.eyelidsAt(t - 10) > 0.9)) starts.push(t);
    }
    expect(starts.length).toBeGreaterThan(8);
    expect(starts.length).toBeLessThan(35);
    const gaps = starts.slice(1).map((start, index) => start - (starts[index] as number));
    expect(new Set(gaps.map((gap) => Math.round(gap / 100))).size).toBeGreaterThan(4);
    const again = new IdleMotion(7);
    expect(starts.every((t) => again.eyelidsAt(t) > 0.9)).toBe(true);
  });

  it("moves the head more while speaking than while listening", () => {
    const animation = new FaceAnimation(3);
    const spread = (speaking: boolean) => {
      const yaws: number[] = [];
      for (let t = 0; t < 10_000; t += 40) {
        const state = speaking
          ? animation.stateAt(t, {
              timeline: {
                duration: 10_000,
                words: [],
                visemes: [{ viseme: "aa", start: 0, duration: 10_000 }],
              },
              startedAt: 0,
            })
          : animation.stateAt(t);
        yaws.push(state.head.yaw);
      }
      return Math.max(...yaws) - Math.min(...yaws);
    };
    expect(spread(true)).toBeGreaterThan(spread(false) * 1.5);
  });
});

describe("the animation core", () => {
  it("uses no Node or DOM APIs, so the browser and the MP4 renderer share it", () => {
    const folder = fileURLToPath(new URL(".", import.meta.url));
    const sources = readdirSync(folder).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"));
    expect(sources.length).toBeGreaterThan(10);
    for (const name of sources) {
      const text = readFileSync(new URL(name, import.meta.url), "utf8");
      expect(text, name).not.toMatch(/from "node:|from "(sharp|@napi-rs|@vladmandic)|\b(document|window)\./);
    }
  });
});
