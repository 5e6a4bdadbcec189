import type { TwinProfile } from "../../core/twin.js";
import { splitSentences } from "../../voice/sentence-splitter.js";
import { explainReply } from "../persona-replies.js";
import { EVAL_NOW, type EvalPersona, type EvalQuestion } from "./eval-set.js";

export interface EvalOutcome {
  persona: string;
  question: EvalQuestion;
  reply: string;
  /** Answered with the right fact, or honestly unknown when nothing answers. */
  right: boolean;
  repeatsSentence: boolean;
  milliseconds: number;
}

export function twinOf(persona: EvalPersona): TwinProfile {
  return {
    id: persona.name.toLowerCase(),
    name: persona.name,
    persona: { biography: persona.biography, style: persona.style, facts: persona.facts },
    voice: {},
    face: { kind: "illustrated", look: "sunny" },
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
}

/** Asks every question of every persona of the set, each as the first message of a conversation. */
export function evaluate(personas: EvalPersona[], now = EVAL_NOW): EvalOutcome[] {
  const outcomes: EvalOutcome[] = [];
  for (const persona of personas) {
    const twin = twinOf(persona);
    for (const question of persona.questions) {
      const started = performance.now();
      const { text, sources } = explainReply({
        twin,
        memories: [],
        history: [],
        message: question.question,
        now,
      });
      const milliseconds = performance.now() - started;
      const lower = text.toLowerCase();
      const right = question.unknown
        ? sources.length === 0 &&
          !persona.facts.some((fact) => lower.includes(fact.toLowerCase().slice(0, -1)))
        : (question.expect ?? []).some((word) => lower.includes(word.toLowerCase()));
      const sentences = splitSentences(text).map((sentence) => sentence.trim().toLowerCase());
      const repeatsSentence = new Set(sentences).size !== sentences.length;
      outcomes.push({ persona: persona.name, question, reply: text, right, repeatsSentence, milliseconds });
    }
  }
  return outcomes;
}

export interface EvalSummary {
  answerable: number;
  answeredRight: number;
  unanswerable: number;
  honest: number;
  repeated: number;
  p50Milliseconds: number;
}

export function summarise(outcomes: EvalOutcome[]): EvalSummary {
  const answerable = outcomes.filter((outcome) => !outcome.question.unknown);
  const unanswerable = outcomes.filter((outcome) => outcome.question.unknown);
  const times = outcomes.map((outcome) => outcome.milliseconds).sort((a, b) => a - b);
  return {
    answerable: answerable.length,
    answeredRight: answerable.filter((outcome) => outcome.right).length,
    unanswerable: unanswerable.length,
    honest: unanswerable.filter((outcome) => outcome.right).length,
    repeated: outcomes.filter((outcome) => outcome.repeatsSentence).length,
    p50Milliseconds: times[Math.floor(times.length / 2)] ?? Number.NaN,
  };
}
