import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../core/chat-model.js";
import { fitConversation } from "./context-window.js";

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const turn = (role: ChatMessage["role"], count: number, word = "word"): ChatMessage => ({
  role,
  content: Array(count).fill(word).join(" "),
});

describe("fitConversation", () => {
  it("keeps everything when it fits", () => {
    const messages = [turn("user", 5), turn("assistant", 5), turn("user", 5)];
    expect(
      fitConversation(
        "persona",
        messages,
        { contextTokens: 100, replyTokens: 20, perMessageTokens: 0 },
        words,
      ),
    ).toEqual(messages);
  });

  it("drops the oldest turns first and starts with the user", () => {
    const messages = [
      turn("user", 30, "old"),
      turn("assistant", 30, "older"),
      turn("user", 10),
      turn("assistant", 10),
      turn("user", 10),
    ];
    // 100 - 20 reply - 10 persona = 70: the last three turns (30) fit, the one before (30) would too, but then the
    // window would open with the assistant, so it goes as well.
    const kept = fitConversation(
      Array(10).fill("p").join(" "),
      messages,
      { contextTokens: 100, replyTokens: 20, perMessageTokens: 0 },
      words,
    );
    expect(kept).toEqual(messages.slice(2));
  });

  it("always keeps the persona budget and the new message, cut from its start when too long", () => {
    const kept = fitConversation(
      "p p p p p",
      [turn("user", 5), { role: "user", content: "a b c d e f g h where am I" }],
      { contextTokens: 20, replyTokens: 10, perMessageTokens: 0 },
      words,
    );
    expect(kept).toEqual([{ role: "user", content: "g h where am I" }]);
  });
});
