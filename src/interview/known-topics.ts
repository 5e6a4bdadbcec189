import { explainReply } from "../brain/persona-replies.js";
import type { Memory, Persona, TwinProfile } from "../core/twin.js";
import type { Knows } from "./interview.js";
import { questionSpec } from "./interview-plan.js";

/** The name and persona a new twin starts with: they say nothing about the person, so they answer no question. */
export interface Placeholder {
  name: string;
  persona?: Partial<Persona>;
}

/**
 * Asks the built-in brain each opening question before the twin asks it: when the brain answers from the twin's
 * own knowledge, the question is skipped. The name and the speaking style are known once they are not the
 * placeholders; follow-ups are about what was just said, so they are always asked.
 */
export function knownTo(twin: TwinProfile, memories: Memory[], placeholder?: Placeholder): Knows {
  const own = withoutPlaceholder(twin, placeholder);
  return (question, text) => {
    if (question.id === "name") return twin.name !== placeholder?.name;
    if (question.id === "style") return own.persona.style.trim() !== "";
    if (!questionSpec(question.id).opening) return false;
    return explainReply({ twin: own, memories, history: [], message: text }).sources.length > 0;
  };
}

function withoutPlaceholder(twin: TwinProfile, placeholder?: Placeholder): TwinProfile {
  const seeded = placeholder?.persona;
  if (!seeded) return twin;
  const { persona } = twin;
  return {
    ...twin,
    persona: {
      biography: persona.biography === seeded.biography ? "" : persona.biography,
      style: persona.style === seeded.style ? "" : persona.style,
      facts: persona.facts.filter((fact) => !seeded.facts?.includes(fact)),
    },
  };
}
