import { describe, expect, it } from "vitest";
import { buildSystemPrompt } from "./prompt-builder.js";
import { memoriesOf, testTwin } from "./test-twin.js";

describe("the persona system prompt", () => {
  it("carries the persona, style, facts and the memories that matter", () => {
    const twin = testTwin();
    const memories = memoriesOf(
      twin.id,
      ...Array.from({ length: 30 }, (_, index) => `I visited place number ${index}.`),
    );
    memories.unshift(...memoriesOf(twin.id, "My favourite food is ramen."));
    const prompt = buildSystemPrompt(twin, memories, "What is your favourite food?", { memoryLimit: 5 });
    expect(prompt).toContain("You are Ada.");
    expect(prompt).toContain("software engineer from Lisbon");
    expect(prompt).toContain("How you speak: warm and brief");
    expect(prompt).toContain("- I have a cat called Turing.");
    expect(prompt).toContain("- My favourite food is ramen.");
    expect(prompt.match(/I visited place/g)?.length).toBe(4);
    expect(prompt).toContain("remember that");
  });
});
