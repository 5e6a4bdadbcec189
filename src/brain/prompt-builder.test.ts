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

  it("carries the best passages of the twin's documents with their names, within a character budget", () => {
    const twin = testTwin();
    const hit = (documentName: string, text: string, score: number) => ({
      id: `psg_${score}`,
      documentId: `doc_${documentName}`,
      documentName,
      ordinal: 0,
      text,
      score,
    });
    const passages = [
      hit("cv.pdf", "I studied physics at Coimbra and sailed to the Azores.", 9),
      hit("diary.md", `I keep bees. ${"Honey everywhere. ".repeat(20)}`, 5),
      hit("later.txt", "This one does not fit any more.", 1),
    ];
    const prompt = buildSystemPrompt(twin, [], "Where did you study?", { passages, passageCharacters: 300 });
    const section = prompt.slice(prompt.indexOf("From your documents"), prompt.indexOf("Rules:"));
    expect(section).toContain("- (cv.pdf) I studied physics at Coimbra and sailed to the Azores.");
    expect(section).toMatch(/- \(diary\.md\) I keep bees\. Honey everywhere\..*…\n/);
    expect(section).not.toContain("later.txt");
    expect(section.length).toBeLessThan(300 + 120);
    expect(buildSystemPrompt(twin, [], "Where did you study?")).not.toContain("From your documents");
  });
});
