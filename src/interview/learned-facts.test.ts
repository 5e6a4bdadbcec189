import { describe, expect, it } from "vitest";
import { applyLearned } from "./learned-facts.js";

const twin = {
  name: "Sam",
  persona: { biography: "", style: "warm", facts: ["I live in Lisbon.", "I have children."] },
};

describe("folding what an answer taught into the twin", () => {
  it("adds new facts after the old ones and reports only those", () => {
    const change = applyLearned(twin, { facts: ["I have a cat.", "i live in lisbon"], replaces: [] });
    expect(change.facts).toEqual(["I live in Lisbon.", "I have children.", "I have a cat."]);
    expect(change.added.facts).toEqual(["I have a cat."]);
  });

  it("adds nothing twice: a fact the twin has, in any case or punctuation, changes nothing", () => {
    const change = applyLearned(twin, { facts: ["I live in Lisbon!"], replaces: [] });
    expect(change).toEqual({ added: { facts: [], replaces: [] } });
  });

  it("drops the fact a detail replaces", () => {
    const change = applyLearned(twin, { facts: ["I have two children."], replaces: ["I have children."] });
    expect(change.facts).toEqual(["I live in Lisbon.", "I have two children."]);
    expect(change.added).toEqual({ facts: ["I have two children."], replaces: ["I have children."] });
  });

  it("changes the name and style only when they differ", () => {
    expect(applyLearned(twin, { facts: [], replaces: [], name: "Ana", style: "warm" })).toEqual({
      name: "Ana",
      added: { facts: [], replaces: [], name: "Ana" },
    });
  });
});
