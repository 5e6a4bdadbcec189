import { describe, expect, it } from "vitest";
import { segmentsFromEndTimes } from "./phone-segments.js";
import { visemesFromPhones } from "./phoneme-timeline.js";

// "hello" as flite's slt voice times it (-psdur).
const HELLO = segmentsFromEndTimes([
  { phone: "pau", end: 0.164 },
  { phone: "hh", end: 0.255 },
  { phone: "ax", end: 0.304 },
  { phone: "l", end: 0.412 },
  { phone: "ow", end: 0.548 },
  { phone: "pau", end: 0.7 },
]);

describe("visemesFromPhones", () => {
  it("maps phones to visemes on the phone boundaries, covering the clip without gaps", () => {
    const visemes = visemesFromPhones(HELLO);
    expect(visemes.map((each) => each.viseme)).toEqual(["sil", "kk", "E", "nn", "O", "sil"]);
    expect(visemes.map((each) => each.start)).toEqual([0, 164, 255, 304, 412, 548]);
    const last = visemes.at(-1);
    expect((last?.start ?? 0) + (last?.duration ?? 0)).toBe(700);
  });

  it("merges neighbouring phones that share a viseme", () => {
    const visemes = visemesFromPhones(
      segmentsFromEndTimes([
        { phone: "s", end: 0.1 },
        { phone: "z", end: 0.2 },
      ]),
    );
    expect(visemes).toEqual([{ viseme: "SS", start: 0, duration: 200 }]);
  });

  it("absorbs a shape too short to see, splitting its time between its neighbours", () => {
    const visemes = visemesFromPhones(
      segmentsFromEndTimes([
        { phone: "aa", end: 0.1 },
        { phone: "t", end: 0.12 },
        { phone: "iy", end: 0.2 },
      ]),
    );
    expect(visemes).toEqual([
      { viseme: "aa", start: 0, duration: 110 },
      { viseme: "I", start: 110, duration: 90 },
    ]);
  });

  it("keeps a short lip closure, which viewers watch for", () => {
    const visemes = visemesFromPhones(
      segmentsFromEndTimes([
        { phone: "aa", end: 0.1 },
        { phone: "b", end: 0.12 },
        { phone: "iy", end: 0.2 },
      ]),
    );
    expect(visemes.map((each) => each.viseme)).toEqual(["aa", "PP", "I"]);
  });
});
