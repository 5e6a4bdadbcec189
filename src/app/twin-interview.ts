import type { TwinProfile } from "../core/twin.js";
import { type InterviewState, type Learned, nextQuestion } from "../interview/interview.js";
import { knownTo } from "../interview/known-topics.js";
import { applyLearned } from "../interview/learned-facts.js";
import type { Store } from "../store/store.js";
import { DEFAULT_TWIN, withoutSeededPersona } from "./default-twin.js";

/** The interview against the store, shared by `aitwin twin interview` and the page's API. */

/** The next question the twin does not know the answer to yet, asked of its current knowledge and memories. */
export async function nextInterviewQuestion(
  store: Store,
  twin: TwinProfile,
  state: InterviewState,
): Promise<{ state: InterviewState; question?: string }> {
  const memories = await store.memories.list(twin.id);
  return nextQuestion(state, knownTo(twin, memories, DEFAULT_TWIN));
}

/** Saves what an answer taught at once (an interrupted interview keeps it); returns the twin and what was new. */
export async function saveLearned(
  store: Store,
  twinId: string,
  learned: Learned,
): Promise<{ twin: TwinProfile; added: Learned }> {
  const current = await store.twins.require(twinId);
  const { added, ...change } = applyLearned(current, learned);
  if (change.name === undefined && change.style === undefined && change.facts === undefined) {
    return { twin: current, added };
  }
  // The first thing learned about the person retires the seeded text about the software.
  const { biography, facts } = withoutSeededPersona({
    ...current.persona,
    facts: change.facts ?? current.persona.facts,
  });
  const twin = await store.twins.update(twinId, {
    ...(change.name !== undefined && { name: change.name }),
    persona: {
      ...(change.style !== undefined && { style: change.style }),
      ...(biography !== current.persona.biography && { biography }),
      ...((change.facts !== undefined || facts.length !== current.persona.facts.length) && { facts }),
    },
  });
  return { twin, added };
}

/** Nothing new: no fact, name or style. */
export function learnedNothing(learned: Learned): boolean {
  return learned.facts.length === 0 && learned.name === undefined && learned.style === undefined;
}
