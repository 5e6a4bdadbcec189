import { describe, expect, it } from "vitest";
import { PauseWatch } from "./pause-watch.js";

const rate = 16_000;
const tone = (ms: number, level: number) =>
  Int16Array.from({ length: (rate * ms) / 1000 }, (_, index) =>
    Math.round(Math.sin(index / 5) * level * 32767),
  );

describe("pause watch", () => {
  it("counts the quiet at the end of what was written, from the first speech on", () => {
    const watch = new PauseWatch(rate);
    expect(watch.push(new Int16Array(rate / 2))).toBe(0);
    expect(watch.push(tone(300, 0.3))).toBe(0);
    expect(watch.push(new Int16Array((rate * 140) / 1000))).toBe(140);
    expect(watch.push(tone(100, 0.3))).toBe(0);
  });

  it("hears a quiet speaker's fricative as speech only when asked for a low threshold", () => {
    const room = () => tone(400, 0.001);
    const fricative = tone(140, 0.006);
    const loose = new PauseWatch(rate);
    const strict = new PauseWatch(rate, 0.003);
    for (const watch of [loose, strict]) {
      watch.push(room());
      watch.push(tone(200, 0.1));
    }
    expect(loose.push(fricative)).toBe(140);
    expect(strict.push(fricative)).toBe(0);
  });
});
