import { describe, expect, it } from "vitest";
import { normalizeWords, wordErrorRate } from "./word-error-rate.js";

describe("word error rate", () => {
  it("is 0 for the same words whatever the case and punctuation", () => {
    expect(
      wordErrorRate("He was not an ill-disposed young man.", "he was not an ill disposed young man"),
    ).toBe(0);
  });

  it("counts substitutions, deletions and insertions against the reference length", () => {
    expect(wordErrorRate("the cat sat", "the bat sat")).toBeCloseTo(1 / 3);
    expect(wordErrorRate("the cat sat", "the sat")).toBeCloseTo(1 / 3);
    expect(wordErrorRate("the cat sat", "the cat sat down now")).toBeCloseTo(2 / 3);
    expect(wordErrorRate("the cat sat", "")).toBe(1);
  });

  it("keeps contractions as one word", () => {
    expect(normalizeWords("I've been up close!")).toEqual(["i've", "been", "up", "close"]);
  });
});
