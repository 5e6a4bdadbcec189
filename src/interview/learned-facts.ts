import type { Persona } from "../core/twin.js";
import type { Learned } from "./interview.js";

/** Facts compared as a reader would: case, spaces and punctuation aside. */
export function factKey(fact: string): string {
  return fact
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A change to a twin: the new name, style and facts list, each only when it changes. */
export interface LearnedChange {
  name?: string;
  style?: string;
  facts?: string[];
  /** What is new, for telling the person: only facts the twin did not have. */
  added: Learned;
}

/**
 * Folds what an answer taught into a twin's name and persona: facts it already has are not added twice, facts the
 * answer makes redundant are dropped, a name or style replaces the old one.
 */
export function applyLearned(current: { name: string; persona: Persona }, learned: Learned): LearnedChange {
  const replaced = new Set(learned.replaces.map(factKey));
  const kept = current.persona.facts.filter((fact) => !replaced.has(factKey(fact)));
  const known = new Set(kept.map(factKey));
  const added: string[] = [];
  for (const fact of learned.facts) {
    if (known.has(factKey(fact))) continue;
    known.add(factKey(fact));
    added.push(fact);
  }
  const name = learned.name !== undefined && learned.name !== current.name ? learned.name : undefined;
  const style =
    learned.style !== undefined && learned.style !== current.persona.style ? learned.style : undefined;
  const factsChanged = added.length > 0 || kept.length !== current.persona.facts.length;
  return {
    ...(name !== undefined && { name }),
    ...(style !== undefined && { style }),
    ...(factsChanged && { facts: [...kept, ...added] }),
    added: {
      facts: added,
      replaces: current.persona.facts.filter((fact) => replaced.has(factKey(fact))),
      ...(name !== undefined && { name }),
      ...(style !== undefined && { style }),
    },
  };
}
