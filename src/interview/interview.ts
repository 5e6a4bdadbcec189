import { BadInputError } from "../core/errors.js";
import { cleanAnswer, saysNothing } from "./answer-reading.js";
import { QUESTIONS, type QuestionRef, questionSpec } from "./interview-plan.js";
import { subjectOf } from "./named-subjects.js";

/**
 * The interview as plain data and pure steps, so the terminal, the server and the page share one behaviour and the
 * state can be kept anywhere (in a loop's variable, or carried by the page between requests).
 */
export interface InterviewState {
  /** Questions still to ask, next first: follow-ups are put in front of the remaining topics. */
  pending: QuestionRef[];
  /** The question asked and not yet answered. */
  current?: QuestionRef;
}

/** What one answer taught the twin. */
export interface Learned {
  facts: string[];
  name?: string;
  style?: string;
  /** Facts this answer makes redundant ("I have children." once "I have two children." is known). */
  replaces: string[];
}

export type AnswerOutcome =
  | { kind: "answered"; learned: Learned; state: InterviewState }
  | { kind: "skipped"; state: InterviewState }
  | { kind: "stopped"; state: InterviewState };

/** Whether the twin already knows what a question asks (then it is not asked). */
export type Knows = (question: QuestionRef, text: string) => boolean;

/** An answer becomes a fact the persona panel can save: facts are at most 1000 characters. */
export const MAX_ANSWER = 1000;

/** More than a whole interview's worth of follow-ups is a state that was tampered with. */
export const MAX_PENDING = QUESTIONS.length * 3;

export function startInterview(): InterviewState {
  return { pending: QUESTIONS.filter((spec) => spec.opening).map((spec) => ({ id: spec.id })) };
}

/** The question as the twin says it: one sentence ending in "?". */
export function questionText(question: QuestionRef): string {
  const spec = questionSpec(question.id);
  if (question.subject === undefined) return spec.ask();
  const subject = subjectOf(question.subject);
  if (!subject) throw new BadInputError(`the interview cannot ask about "${question.subject}"`);
  return spec.ask(subject);
}

/** True when the interview can ask this question (a known id; for a name, a person or animal it knows). */
export function isAskable(question: QuestionRef): boolean {
  if (question.id === "name-of")
    return question.subject !== undefined && subjectOf(question.subject) !== undefined;
  return question.subject === undefined;
}

/** The next question the twin does not already know the answer to, or none when the interview is over. */
export function nextQuestion(
  state: InterviewState,
  knows: Knows,
): { state: InterviewState; question?: string } {
  const pending = [...state.pending];
  for (let ref = pending.shift(); ref; ref = pending.shift()) {
    const text = questionText(ref);
    if (!knows(ref, text)) return { state: { pending, current: ref }, question: text };
  }
  return { state: { pending: [] } };
}

/** Reads the answer to the current question: `skip` skips it, `stop` ends the interview, anything else is learned. */
export function answerQuestion(state: InterviewState, answer: string): AnswerOutcome {
  const { current } = state;
  if (!current) throw new BadInputError("there is no question to answer: start the interview first");
  const rest: InterviewState = { pending: state.pending };
  const said = answer.trim();
  if (said.length > MAX_ANSWER) {
    throw new BadInputError(`the answer is ${said.length} characters; the limit is ${MAX_ANSWER}`);
  }
  if (/^stop[.!]*$/i.test(said)) return { kind: "stopped", state: { pending: [] } };
  if (/^skip[.!]*$/i.test(said)) return { kind: "skipped", state: rest };
  const spec = questionSpec(current.id);
  const cleaned = cleanAnswer(said);
  if (cleaned === "" || (!spec.yesNo && saysNothing(cleaned))) return { kind: "skipped", state: rest };
  const subject = current.subject === undefined ? undefined : subjectOf(current.subject);
  const reading = spec.read(cleaned, subject);
  const learned: Learned = {
    facts: reading.facts.filter((fact) => fact !== ""),
    replaces: spec.replaces ? [spec.replaces] : [],
    ...(reading.name && { name: reading.name }),
    ...(reading.style && { style: reading.style }),
  };
  return {
    kind: "answered",
    learned,
    state: { pending: [...reading.followUps, ...state.pending].slice(0, MAX_PENDING) },
  };
}
