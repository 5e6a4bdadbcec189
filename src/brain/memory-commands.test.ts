import { describe, expect, it } from "vitest";
import { parseMemoryCommand } from "./memory-commands.js";

describe("memory commands", () => {
  it.each([
    ["remember that my favourite food is ramen", "My favourite food is ramen."],
    ["Please remember: you were born in 1990.", "I was born in 1990."],
    ["Can you remember that my dog is called Rex?", undefined],
    ["I want you to remember that your sister is Ana", "My sister is Ana."],
    ["don't forget that I hate mornings", "I hate mornings."],
  ])("%s", (message, statement) => {
    const command = parseMemoryCommand(message);
    if (statement === undefined) expect(command).toBeUndefined();
    else expect(command).toEqual({ kind: "remember", statement });
  });

  it("recognises forget and recall", () => {
    expect(parseMemoryCommand("forget that my favourite food is ramen")).toEqual({
      kind: "forget",
      query: "my favourite food is ramen",
    });
    expect(parseMemoryCommand("What do you remember?")).toEqual({ kind: "recall" });
    expect(parseMemoryCommand("forget it")).toBeUndefined();
  });

  it("leaves ordinary messages to the brain", () => {
    expect(parseMemoryCommand("Do you remember me?")).toBeUndefined();
    expect(parseMemoryCommand("What is your favourite food?")).toBeUndefined();
  });
});
