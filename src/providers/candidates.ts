import { didCandidate } from "./d-id/did-candidate.js";
import { elevenLabsCandidate } from "./elevenlabs/elevenlabs-candidate.js";
import { fliteCandidate } from "./flite/flite-candidate.js";
import { llamaCppCandidate } from "./llama-cpp/llama-cpp-candidate.js";
import { localAvatarCandidate } from "./local-avatar/local-avatar-candidate.js";
import {
  openAiChatCandidate,
  openAiSpeechCandidate,
  openAiTranscriberCandidate,
} from "./openai/openai-candidates.js";
import { personaEngineCandidate } from "./persona-engine/persona-engine-candidate.js";
import { pocketsphinxCandidate } from "./pocketsphinx/pocketsphinx-candidate.js";
import type { AnyCandidate } from "./registry.js";
import { whisperCppCandidate } from "./whisper-cpp/whisper-candidate.js";

/**
 * Every provider this build knows, in order of preference within each stage (strongest first; the embedded default
 * last, so it serves whenever nothing better is configured).
 */
export const candidates: AnyCandidate[] = [
  openAiTranscriberCandidate,
  whisperCppCandidate,
  pocketsphinxCandidate,
  openAiChatCandidate,
  llamaCppCandidate,
  personaEngineCandidate,
  elevenLabsCandidate,
  openAiSpeechCandidate,
  fliteCandidate,
  didCandidate,
  localAvatarCandidate,
];
