import { BadInputError } from "../../core/errors.js";
import { answerRequests } from "../request-thread.js";

/** What the test thread is asked to do: answer after a while, fail as bad input, or spin for ever (a hung WASM call). */
export type Chore = { answer: string; afterMs?: number } | { fail: string } | { spin: true };

answerRequests<Chore, string>(async (chore) => {
  if ("spin" in chore) for (;;);
  if ("fail" in chore) throw new BadInputError(chore.fail);
  if (chore.afterMs) await new Promise((resolve) => setTimeout(resolve, chore.afterMs));
  return chore.answer;
});
