import { describe, expect, it } from "vitest";
import { fts5Query, queryWords, tsQuery, wordsWithinBudget } from "./full-text-query.js";

describe("full-text queries", () => {
  it("keeps only letters-and-digits words, lower case, without stop words or repeats", () => {
    expect(queryWords('Do you play the VIOLIN? "violin" OR NOT (jazz*) café 1984 x')).toEqual([
      "play",
      "violin",
      "jazz",
      "café",
      "1984",
    ]);
    expect(queryWords("the and of")).toEqual([]);
    expect(queryWords(Array.from({ length: 100 }, (_, index) => `w${index}`).join(" "))).toHaveLength(32);
    expect(fts5Query(["play", "violin"])).toBe('"play" OR "violin"');
    expect(tsQuery(["play", "violin"])).toBe("play | violin");
  });

  it("ranks with the rarest words while their matches fit the budget, never with none", () => {
    const words = ["time", "violin", "quartet", "work", "nowhere"];
    expect(wordsWithinBudget(words, [900, 12, 40, 700, 0], 1000)).toEqual(["violin", "quartet", "work"]);
    expect(wordsWithinBudget(words, [900, 12, 40, 700, 0], 10_000)).toEqual([
      "violin",
      "quartet",
      "work",
      "time",
    ]);
    expect(wordsWithinBudget(["time", "work"], [5000, 3000], 1000)).toEqual(["work"]);
    expect(wordsWithinBudget(["nowhere"], [0], 1000)).toEqual([]);
  });
});
