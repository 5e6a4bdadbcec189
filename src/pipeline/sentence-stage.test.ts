import { describe, expect, it } from "vitest";
import type { Part } from "../core/parts.js";
import { sentenceStage, textParts } from "./stages.js";

async function* characters(text: string): AsyncIterable<string> {
  for (const character of text) yield character;
}

async function sentencesOf(text: string): Promise<string[]> {
  const signal = new AbortController().signal;
  const result: string[] = [];
  for await (const part of sentenceStage(textParts(characters(text), signal), signal)) {
    if (part.type === "sentence-complete") result.push(part.text);
  }
  return result;
}

describe("the sentence stage", () => {
  it("cuts streamed text into sentences, in order, however it is chunked", async () => {
    expect(await sentencesOf("Hi! I'm Ada. How are you? Fine… thanks")).toEqual([
      "Hi!",
      "I'm Ada.",
      "How are you?",
      "Fine…",
      "thanks",
    ]);
  });

  it("does not cut at abbreviations, initials or decimals", async () => {
    expect(
      await sentencesOf("Dr. Smith met J. R. R. Tolkien at 3.5 p.m. yesterday. Then tea, e.g. green."),
    ).toEqual(["Dr. Smith met J. R. R. Tolkien at 3.5 p.m. yesterday.", "Then tea, e.g. green."]);
  });

  it("keeps closing quotes with their sentence and splits at blank lines", async () => {
    expect(await sentencesOf('She said "no." Then left\n\nThe end')).toEqual([
      'She said "no."',
      "Then left",
      "The end",
    ]);
  });

  it("starts speaking a very long sentence at a clause boundary", async () => {
    const long = `${"word ".repeat(60)}and then, ${"more ".repeat(40)}and more; end`;
    const result = await sentencesOf(long);
    expect(result.length).toBeGreaterThan(1);
    expect(result.join(" ").replace(/\s+/g, " ")).toBe(long.replace(/\s+/g, " ").trim());
  });

  it("passes every text delta through unchanged", async () => {
    const signal = new AbortController().signal;
    const text: string[] = [];
    for await (const part of sentenceStage(
      textParts(characters("One. Two."), signal),
      signal,
    ) as AsyncIterable<Part>) {
      if (part.type === "text-delta") text.push(part.text);
    }
    expect(text.join("")).toBe("One. Two.");
  });
});
