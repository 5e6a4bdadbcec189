import { describe, expect, it } from "vitest";
import { Downsampler } from "./pcm-resample.js";

const tone = (hz: number, rate: number, seconds: number, amplitude = 0.5) =>
  Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, index) => amplitude * Math.sin((2 * Math.PI * hz * index) / rate),
  );

const rms = (samples: Int16Array) =>
  Math.sqrt(samples.reduce((sum, each) => sum + each * each, 0) / samples.length);

describe("Downsampler", () => {
  it("brings 48 kHz speech-band audio to 16 kHz with the same shape and level", () => {
    const out = new Downsampler(48_000, 16_000).push(tone(440, 48_000, 1));
    expect(Math.abs(out.length - 16_000)).toBeLessThanOrEqual(1);
    const expected = tone(440, 16_000, 1);
    let worst = 0;
    for (let index = 10; index < out.length - 10; index++) {
      worst = Math.max(worst, Math.abs((out[index] as number) / 32767 - (expected[index] as number)));
    }
    expect(worst).toBeLessThan(0.01);
  });

  it("gives the same samples whatever the blocks the microphone delivers (no seams)", () => {
    const input = tone(300, 44_100, 0.5);
    const whole = new Downsampler(44_100, 16_000).push(input);
    const blocks = new Downsampler(44_100, 16_000);
    const parts: number[] = [];
    for (
      let offset = 0, size = 1;
      offset < input.length;
      offset += size, size = (size * 7 + 3) % 700 || 128
    ) {
      parts.push(...blocks.push(input.subarray(offset, offset + size)));
    }
    expect(parts.length).toBe(whole.length);
    expect(Int16Array.from(parts)).toEqual(whole);
    expect(Math.abs(whole.length - 0.5 * 16_000)).toBeLessThanOrEqual(1);
  });

  it("weakens sound above the new rate's limit, clips nothing, and refuses to upsample", () => {
    const high = new Downsampler(48_000, 16_000).push(tone(12_000, 48_000, 0.5));
    const low = new Downsampler(48_000, 16_000).push(tone(1_000, 48_000, 0.5));
    expect(rms(high)).toBeLessThan(rms(low) * 0.4);
    const loud = new Downsampler(48_000, 16_000).push(tone(200, 48_000, 0.1, 1.5));
    expect(Math.max(...loud)).toBe(32767);
    expect(Math.min(...loud)).toBe(-32767);
    expect(() => new Downsampler(8_000, 16_000)).toThrow("cannot downsample 8000 Hz to 16000 Hz");
  });
});
