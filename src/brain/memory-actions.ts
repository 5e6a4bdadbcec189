import type { TwinProfile } from "../core/twin.js";
import type { MemoryRepository } from "../store/store.js";
import { knowledgeOf, retrieve } from "./knowledge.js";
import type { MemoryCommand } from "./memory-commands.js";
import { embedded } from "./perspective.js";

/** How much of a "forget …" request a memory must match before it is removed. */
const FORGET_COVERAGE = 0.5;

/** Carries out a memory command on the store and says, in the twin's voice, what happened. */
export async function applyMemoryCommand(
  command: MemoryCommand,
  twin: TwinProfile,
  memories: MemoryRepository,
): Promise<string> {
  switch (command.kind) {
    case "remember": {
      await memories.add(twin.id, command.statement);
      return `Got it. I'll remember that ${embedded(command.statement)}.`;
    }
    case "recall": {
      const all = await memories.list(twin.id);
      if (all.length === 0)
        return 'You haven\'t asked me to remember anything yet. Say "remember that …" to teach me.';
      const shown = all.slice(-5).map((memory) => embedded(memory.text));
      const more = all.length > shown.length ? `, and ${all.length - shown.length} more things` : "";
      return `I remember that ${shown.join("; that ")}${more}.`;
    }
    case "forget":
      return forget(command.query, twin, memories);
  }
}

async function forget(query: string, twin: TwinProfile, memories: MemoryRepository): Promise<string> {
  const all = await memories.list(twin.id);
  if (/^(everything|all(?: of it| memories)?|all you know)$/i.test(query.trim())) {
    for (const memory of all) await memories.remove(twin.id, memory.id);
    return all.length === 0
      ? "There was nothing to forget."
      : `Done. I've forgotten all ${all.length} things you taught me.`;
  }
  const items = knowledgeOf({ ...twin, persona: { ...twin.persona, biography: "", facts: [] } }, all);
  const matches = retrieve(items, query, items.length).filter((hit) => hit.coverage >= FORGET_COVERAGE);
  const best = matches[0];
  if (!best) {
    const inProfile = retrieve(knowledgeOf(twin, []), query, 1)[0];
    if (inProfile && inProfile.coverage >= FORGET_COVERAGE) {
      return "That is part of my profile rather than something you taught me; change it by editing my persona.";
    }
    return "I don't have a memory like that, so there is nothing to forget.";
  }
  // Forget every memory that says the matched thing, not just the newest copy of it.
  const forgotten = matches.filter((hit) => hit.coverage >= best.coverage - 0.05);
  for (const hit of forgotten) {
    if (hit.item.source === "memory" && hit.item.sourceId) await memories.remove(twin.id, hit.item.sourceId);
  }
  return `Okay, I've forgotten that ${embedded(best.item.statement)}.`;
}
