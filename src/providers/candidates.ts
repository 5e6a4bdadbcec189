import { personaEngineCandidate } from "../brain/persona-engine-candidate.js";
import type { AnyCandidate } from "./registry.js";

/**
 * Every provider this build knows, in order of preference within each stage (strongest first; the embedded default
 * last, so it serves whenever nothing better is configured).
 */
export const candidates: AnyCandidate[] = [personaEngineCandidate];
