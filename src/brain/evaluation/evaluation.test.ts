import { describe, expect, it } from "vitest";
import { EVAL_PERSONAS } from "./eval-set.js";
import { evaluate, summarise } from "./evaluate.js";

describe("the built-in brain on its evaluation set", () => {
  const outcomes = evaluate(EVAL_PERSONAS);
  const summary = summarise(outcomes);
  const misses = outcomes
    .filter((outcome) => !outcome.right)
    .map((outcome) => `${outcome.persona}: ${outcome.question.question} → ${outcome.reply}`);

  it("has at least 90 questions over at least 3 personas, answerable and not", () => {
    expect(EVAL_PERSONAS.length).toBeGreaterThanOrEqual(3);
    expect(outcomes.length).toBeGreaterThanOrEqual(90);
    expect(summary.unanswerable).toBeGreaterThanOrEqual(20);
  });

  it("answers at least 90% of the answerable questions with the right fact", () => {
    expect(summary.answeredRight / summary.answerable, misses.join("\n")).toBeGreaterThanOrEqual(0.9);
  });

  it("answers every question it cannot answer honestly, inventing nothing", () => {
    expect(summary.honest, misses.join("\n")).toBe(summary.unanswerable);
  });

  it("never repeats a sentence within a reply", () => {
    expect(summary.repeated).toBe(0);
  });
});
