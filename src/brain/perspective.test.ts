import { describe, expect, it } from "vitest";
import { asStatement, embedded, toFirstPerson } from "./perspective.js";

describe("perspective", () => {
  it("turns what the user says about the twin into the twin's first person", () => {
    expect(toFirstPerson("you love jazz")).toBe("I love jazz");
    expect(toFirstPerson("your sister lives in Oslo")).toBe("my sister lives in Oslo");
    expect(toFirstPerson("You are a nurse and you're proud of it")).toBe("I am a nurse and I'm proud of it");
    expect(toFirstPerson("your friends like you")).toBe("my friends like me");
  });

  it("leaves first person alone", () => {
    expect(toFirstPerson("my favourite food is ramen")).toBe("my favourite food is ramen");
  });

  it("tidies statements and embeds them mid-sentence", () => {
    expect(asStatement("  my favourite food   is ramen ")).toBe("My favourite food is ramen.");
    expect(asStatement("")).toBe("");
    expect(embedded("My favourite food is ramen.")).toBe("my favourite food is ramen");
    expect(embedded("I grew up in Porto.")).toBe("I grew up in Porto");
  });
});
