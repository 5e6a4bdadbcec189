import { describe, expect, it } from "vitest";
import { BadInputError } from "../core/errors.js";
import { formatTunedVoice, parseTunedVoice } from "./tuned-voice.js";

describe("tuned voice ids", () => {
  it("reads ids made before the tilt existed as untilted, and writes them back unchanged", () => {
    const old = "slt,pitch=184,spread=11,stretch=1.00";
    expect(parseTunedVoice(old)).toEqual({ base: "slt", pitch: 184, spread: 11, stretch: 1 });
    expect(formatTunedVoice(parseTunedVoice(old) as never)).toBe(old);
  });

  it("carries a tilt, positive or negative, and leaves out one too small to hear", () => {
    expect(parseTunedVoice("awb,pitch=129,spread=18,stretch=0.80,tilt=0.69")).toEqual({
      base: "awb",
      pitch: 129,
      spread: 18,
      stretch: 0.8,
      tilt: 0.69,
    });
    expect(parseTunedVoice("slt,pitch=150,spread=10,stretch=1.00,tilt=-0.3")?.tilt).toBe(-0.3);
    expect(formatTunedVoice({ base: "slt", pitch: 150, spread: 10, stretch: 1, tilt: -0.304 })).toBe(
      "slt,pitch=150,spread=10,stretch=1.00,tilt=-0.30",
    );
    expect(formatTunedVoice({ base: "slt", pitch: 150, spread: 10, stretch: 1, tilt: 0.001 })).toBe(
      "slt,pitch=150,spread=10,stretch=1.00",
    );
  });

  it("refuses a tilt out of range or malformed", () => {
    expect(() => parseTunedVoice("slt,pitch=150,spread=10,stretch=1.00,tilt=0.95")).toThrow(
      /tilt must be between -0.9 and 0.9/,
    );
    expect(() => parseTunedVoice("slt,pitch=150,spread=10,stretch=1.00,tilt=bright")).toThrow(BadInputError);
  });
});
