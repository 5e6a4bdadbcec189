import { describe, expect, it } from "vitest";
import type { PassageHit } from "../core/knowledge.js";
import { explainReply } from "./persona-replies.js";
import { testTwin } from "./test-twin.js";

/** The issue's own example: a short bio and facts that share no words with the questions people ask. */
const ingrid = testTwin({
  id: "ingrid",
  name: "Ingrid",
  persona: {
    biography: "I'm Ingrid, a marine biologist in Bergen.",
    style: "warm",
    facts: [
      "I play the violin in a quartet.",
      "My favourite meal is pad thai.",
      "I have three sisters.",
      "I grew up in Oslo.",
    ],
  },
});
const ask = (message: string, passages: PassageHit[] = []) =>
  explainReply({ twin: ingrid, memories: [], passages, history: [], message, now: new Date("2026-11-30") });

describe("understanding questions by meaning", () => {
  it("answers questions that share no word with the fact that answers them", () => {
    expect(ask("Do you make music?").text).toContain("violin");
    expect(ask("What do you like to eat?").text).toContain("pad thai");
    expect(ask("Any siblings?").text).toContain("three sisters");
    expect(ask("Where are you from?").text).toContain("Oslo");
  });

  it("says which facts a reply used, and none when it does not know", () => {
    expect(ask("Any siblings?").sources).toEqual([{ kind: "fact", text: "I have three sisters." }]);
    const unknown = ask("What's your favourite colour?");
    expect(unknown.sources).toEqual([]);
    expect(unknown.text).toMatch(/remember that/);
  });

  it("never takes a fact about a relative, or a general fact, for the answer to a specific question", () => {
    const family = testTwin({
      persona: { biography: "", style: "", facts: ["My husband Erik is a carpenter.", "I have a cat."] },
    });
    const reply = (message: string) => explainReply({ twin: family, memories: [], history: [], message });
    expect(reply("What is your job?").sources).toEqual([]);
    expect(reply("What does your husband do?").text).toContain("carpenter");
    expect(reply("Do you have a dog?").sources).toEqual([]);
    expect(reply("Do you have pets?").text).toContain("cat");
  });

  it("introduces itself without saying its name twice or repeating a sentence", () => {
    const { text } = ask("Tell me about yourself");
    expect(text.match(/Ingrid/g)).toHaveLength(1);
    expect(text).toContain("marine biologist");
    const sentences = text.split(/(?<=\.) /);
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it("computes an age from a birth year in the biography, counted to today", () => {
    const born = testTwin({ persona: { biography: "I was born on 14 May 1988.", style: "", facts: [] } });
    const reply = explainReply({
      twin: born,
      memories: [],
      history: [],
      message: "How old are you?",
      now: new Date("2026-11-30"),
    });
    expect(reply.text).toBe("I'm 38.");
  });

  it("answers from an imported passage in the first person and names its document", () => {
    const passage: PassageHit = {
      id: "psg_1",
      documentId: "doc_1",
      documentName: "notes.md",
      ordinal: 0,
      score: 1,
      text: "Every summer I sail to Lofoten. My first boat was called Måke.",
    };
    const reply = ask("Do you have a boat?", [passage]);
    expect(reply.text).toContain("My first boat was called Måke.");
    expect(reply.sources).toEqual([
      { kind: "passage", text: "My first boat was called Måke.", id: "psg_1", documentName: "notes.md" },
    ]);
  });
});
