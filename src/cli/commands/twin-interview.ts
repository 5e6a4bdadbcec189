import { createInterface } from "node:readline";
import { Command } from "commander";
import { learnedNothing, nextInterviewQuestion, saveLearned } from "../../app/twin-interview.js";
import { BadInputError } from "../../core/errors.js";
import {
  type AnswerOutcome,
  answerQuestion,
  type InterviewState,
  type Learned,
  startInterview,
} from "../../interview/interview.js";
import type { CliContext } from "../context.js";

/**
 * `aitwin twin interview [ID]`: the twin asks, one question a line on stdout; the person answers, one line each on
 * stdin. Each answer is saved as it is learned, so an interrupted interview keeps what it got.
 */
export function twinInterviewCommand(context: CliContext): Command {
  return new Command("interview")
    .description("the twin asks about you and learns from your answers (skip skips, stop ends)")
    .argument("[id]", "twin id (default: the default twin)")
    .action(async (id: string | undefined) => {
      const app = await context.app();
      let twin = await app.twin(id);
      if (context.interactive)
        context.output.out("Answer each question on one line: skip skips, stop ends.\n");
      const lines = createInterface({ input: context.input, terminal: false })[Symbol.asyncIterator]();
      const total: Learned = { facts: [], replaces: [] };
      let state = startInterview();
      try {
        for (;;) {
          const next = await nextInterviewQuestion(app.store, twin, state);
          if (!next.question) break;
          context.output.out(`${next.question}\n`);
          const line = await lines.next();
          if (line.done) break;
          const outcome = tryAnswer(context, next.state, line.value);
          if (!outcome) {
            // A bad line (too long) is refused and the same question asked again.
            state = { pending: [...(next.state.current ? [next.state.current] : []), ...next.state.pending] };
            continue;
          }
          state = outcome.state;
          if (outcome.kind === "stopped") break;
          if (outcome.kind === "skipped") continue;
          const saved = await saveLearned(app.store, twin.id, outcome.learned);
          twin = saved.twin;
          addTo(total, saved.added);
        }
      } finally {
        await lines.return?.();
      }
      context.output.out(summary(total));
    });
}

/** The answer read, or undefined when the line is refused (said on stderr; the interview goes on). */
function tryAnswer(context: CliContext, asked: InterviewState, line: string): AnswerOutcome | undefined {
  try {
    return answerQuestion(asked, line);
  } catch (error) {
    if (!(error instanceof BadInputError)) throw error;
    context.output.err(`aitwin: ${error.message}\n`);
    return undefined;
  }
}

function addTo(total: Learned, added: Learned): void {
  total.facts = [...total.facts.filter((fact) => !added.replaces.includes(fact)), ...added.facts];
  if (added.name !== undefined) total.name = added.name;
  if (added.style !== undefined) total.style = added.style;
}

function summary(learned: Learned): string {
  if (learnedNothing(learned)) return "Learned nothing new.\n";
  const lines = [
    "Learned:",
    ...(learned.name === undefined ? [] : [`  name: ${learned.name}`]),
    ...(learned.style === undefined ? [] : [`  style: ${learned.style}`]),
    ...learned.facts.map((fact) => `  - ${fact}`),
  ];
  return `${lines.join("\n")}\n`;
}
