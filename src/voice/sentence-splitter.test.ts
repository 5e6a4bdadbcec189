import { describe, expect, it } from "vitest";
import { SentenceSplitter, splitSentences } from "./sentence-splitter.js";

describe("SentenceSplitter", () => {
  it("splits at sentence ends but not after abbreviations, initials or decimals", () => {
    expect(splitSentences('Dr. Smith met J. Doe at 3.5 p.m. today. "Really?" she asked! Yes.')).toEqual([
      "Dr. Smith met J. Doe at 3.5 p.m. today.",
      '"Really?"',
      "she asked!",
      "Yes.",
    ]);
  });

  it("emits each sentence as soon as it is complete while text streams in", () => {
    const splitter = new SentenceSplitter();
    expect(splitter.push("Hello the")).toEqual([]);
    // The sentence end is only certain once white space follows it.
    expect(splitter.push("re.")).toEqual([]);
    expect(splitter.push(" How are")).toEqual(["Hello there."]);
    expect(splitter.push(" you? Fine")).toEqual(["How are you?"]);
    expect(splitter.flush()).toEqual(["Fine"]);
  });

  it("cuts an over-long sentence at a comma, or a space, within the limit", () => {
    const long = `${"word ".repeat(30)}, ${"more ".repeat(30)}`.trim();
    const pieces = splitSentences(long, 200);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(200);
    expect(pieces.join(" ").replace(/\s+/g, " ")).toBe(long.replace(/\s+/g, " "));
    expect(pieces[0]?.endsWith(",")).toBe(true);
  });

  it("drops pieces with nothing to say", () => {
    expect(splitSentences("... !! Hello.")).toEqual(["Hello."]);
  });
});
