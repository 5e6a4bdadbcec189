import { describe, expect, it } from "vitest";
import { BadInputError } from "../core/errors.js";
import { checkTextLength, MAX_TEXT_CHARACTERS, prepareText } from "./text-preparation.js";

describe("prepareText", () => {
  it("folds accents and typography into ASCII the voice can say", () => {
    expect(prepareText("Café “naïve” — it’s fine…").text).toBe('Cafe "naive" , it\'s fine...');
  });

  it("drops emoji and other scripts, reporting each once", () => {
    const prepared = prepareText("Hello 👋🏽 world 你好 😀😀");
    expect(prepared.text).toBe("Hello world");
    expect(prepared.skipped).toEqual(expect.arrayContaining(["👋", "你", "好", "😀"]));
    expect(prepared.skipped.filter((character) => character === "😀")).toHaveLength(1);
  });

  it("refuses empty text and text with nothing sayable, with a reason", () => {
    expect(() => prepareText("   \n")).toThrow(BadInputError);
    expect(() => prepareText("😀 🎉")).toThrow(/nothing sayable.*skipped: 😀 🎉/);
    expect(() => prepareText("Привет, мир")).toThrow(/no English letters or digits/);
    expect(() => prepareText("?!...")).toThrow(BadInputError);
  });

  it("keeps digits, which the voice reads as numbers", () => {
    expect(prepareText("42").text).toBe("42");
  });
});

describe("checkTextLength", () => {
  it("accepts text up to the limit and refuses longer text with the limit in the message", () => {
    expect(() => checkTextLength("a".repeat(MAX_TEXT_CHARACTERS))).not.toThrow();
    expect(() => checkTextLength("a".repeat(MAX_TEXT_CHARACTERS + 1))).toThrow(/at most 5000/);
  });
});
