import { describe, expect, it } from "vitest";
import { Bm25Index } from "./bm25.js";
import { tokens } from "./text-tokens.js";

describe("retrieval", () => {
  const facts = [
    "My favourite colour is blue.",
    "My favourite food is ramen.",
    "I grew up in Porto.",
    "I work as a nurse at the city hospital.",
  ];
  const index = new Bm25Index(facts, (fact) => fact);

  it("normalises spelling, stems and synonyms", () => {
    expect(tokens("your favorite foods")).toEqual(tokens("my favourite food"));
    expect(tokens("Where did you grow up?")).toEqual(["grow"]);
    expect(tokens("What's your job?")).toEqual(["work"]);
  });

  it("finds the fact that answers, with full coverage", () => {
    const [best] = index.search("What is your favourite food?");
    expect(best?.item).toBe("My favourite food is ramen.");
    expect(best?.coverage).toBeCloseTo(1);
    expect(index.search("what do you do for a job")[0]?.item).toContain("nurse");
  });

  it("gives partial matches low coverage", () => {
    const hits = index.search("What is your favourite movie?");
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.coverage).toBeLessThan(0.6);
  });

  it("finds nothing for questions with no shared words", () => {
    expect(index.search("How tall are you?")).toEqual([]);
  });
});
