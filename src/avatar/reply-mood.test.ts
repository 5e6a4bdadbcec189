import { describe, expect, it } from "vitest";
import { moodOfReply } from "./reply-mood.js";

describe("moodOfReply", () => {
  it("reads the reply's tone from its words", () => {
    expect(moodOfReply("I love sailing, it's wonderful!")).toBe("happy");
    expect(moodOfReply("I'm sorry, I don't know that about myself yet.")).toBe("serious");
    expect(moodOfReply("Wow, I had no idea.")).toBe("surprised");
    expect(moodOfReply("I live in Lisbon.")).toBeUndefined();
  });

  it("lets apology outweigh a friendly word", () => {
    expect(moodOfReply("Thanks for asking, but I'm afraid I can't say.")).toBe("serious");
  });
});
