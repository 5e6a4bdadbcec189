import { describe, expect, it } from "vitest";
import type { KnowledgeItem } from "./knowledge.js";
import { AGE_QUESTION, answerAge, birthOf } from "./life-dates.js";

const items = (...statements: string[]): KnowledgeItem[] =>
  statements.map((statement) => ({ statement, source: "fact", recency: 1 }));
const on = (day: string) => new Date(`${day}T12:00:00Z`);

describe("ages and birth dates", () => {
  it("counts an age from a birth date, before and after the birthday", () => {
    const born = items("I was born on 3 March 1995 in Lagos.");
    expect(answerAge(born, on("2026-03-02"))?.text).toBe("I'm 30.");
    expect(answerAge(born, on("2026-03-03"))?.text).toBe("I'm 31.");
    expect(answerAge(items("I was born March 3, 1995."), on("2026-11-30"))?.text).toBe("I'm 31.");
    expect(answerAge(items("I was born 1995-03-03."), on("2026-01-01"))?.text).toBe("I'm 30.");
  });

  it("says both possible ages when it knows only the year", () => {
    expect(answerAge(items("I was born in 1988."), on("2026-11-30"))?.text).toBe(
      "I was born in 1988, so I'm 37 or 38.",
    );
  });

  it("takes a stated age, and nothing that merely sounds like one", () => {
    expect(answerAge(items("I'm a 52-year-old chef."), on("2026-11-30"))?.text).toBe("I'm 52.");
    expect(answerAge(items("I'm 34 and I live in Porto."), on("2026-11-30"))?.text).toBe("I'm 34.");
    expect(
      answerAge(items("I drive an old blue Volvo.", "I have 3 cats."), on("2026-11-30")),
    ).toBeUndefined();
    expect(birthOf("My sister was born to be wild.")).toBeUndefined();
  });

  it("knows an age question from a question about someone else's age", () => {
    expect(AGE_QUESTION.test("How old are you?")).toBe(true);
    expect(AGE_QUESTION.test("what's your age")).toBe(true);
    expect(AGE_QUESTION.test("How old is your granddaughter?")).toBe(false);
  });
});
