import { PersonaEngine } from "../../brain/persona-engine.js";
import type { ProviderCandidate } from "../registry.js";

export const personaEngineCandidate: ProviderCandidate<"brain"> = {
  id: "persona-engine",
  stage: "brain",
  kind: "embedded",
  description:
    "built-in persona engine: retrieval over the twin's facts and memories, first-person templates",
  check: async () => ({ available: true, reason: "embedded, always available" }),
  create: async () => new PersonaEngine(),
};
