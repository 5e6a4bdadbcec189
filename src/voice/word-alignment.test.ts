import { describe, expect, it } from "vitest";
import { segmentsFromEndTimes } from "./phone-segments.js";
import { alignWords } from "./word-alignment.js";

// "the apple" in context: flite says "dh iy" before a vowel, but "dh ax" for the word alone.
const SENTENCE = segmentsFromEndTimes([
  { phone: "pau", end: 0.1 },
  { phone: "dh", end: 0.15 },
  { phone: "iy", end: 0.22 },
  { phone: "ae", end: 0.35 },
  { phone: "p", end: 0.42 },
  { phone: "ax", end: 0.46 },
  { phone: "l", end: 0.55 },
  { phone: "pau", end: 0.7 },
]);

describe("alignWords", () => {
  it("times each word from the first to the last of its phones, despite phones changed in context", () => {
    const words = alignWords(
      [
        { text: "The", phones: ["pau", "dh", "ax", "pau"] },
        { text: "apple.", phones: ["pau", "ae", "p", "ax", "l", "pau"] },
      ],
      SENTENCE,
    );
    expect(words).toEqual([
      { text: "The", start: 100, duration: 120 },
      { text: "apple.", start: 220, duration: 330 },
    ]);
  });

  it("leaves out a word the synthesiser said nothing for", () => {
    const words = alignWords(
      [
        { text: "the", phones: ["dh", "ax"] },
        { text: "—", phones: [] },
        { text: "apple", phones: ["ae", "p", "ax", "l"] },
      ],
      SENTENCE,
    );
    expect(words.map((word) => word.text)).toEqual(["the", "apple"]);
  });
});
