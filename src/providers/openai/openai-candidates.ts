import type { ProviderCandidate } from "../registry.js";
import { audioAvailability, chatAvailability, openAiOptionsFrom, probeOpenAi } from "./openai-config.js";
import {
  OPENAI_DEFAULT_CHAT_MODEL,
  OPENAI_DEFAULT_SPEECH_MODEL,
  OPENAI_DEFAULT_TRANSCRIPTION_MODEL,
} from "./openai-models.js";

// Each provider's code is imported when it is created, not with the list of candidates.

export const openAiChatCandidate: ProviderCandidate<"brain"> = {
  id: "openai",
  stage: "brain",
  kind: "cloud",
  description: "OpenAI chat completions, streamed (or any OpenAI-compatible server by OPENAI_BASE_URL)",
  check: async (config) => chatAvailability(config),
  probe: (config) => probeOpenAi(config, config.openai.model ?? OPENAI_DEFAULT_CHAT_MODEL),
  create: async (config) =>
    (await import("./openai-chat-model.js")).createOpenAiChatModel({
      ...openAiOptionsFrom(config),
      model: config.openai.model ?? OPENAI_DEFAULT_CHAT_MODEL,
    }),
};

export const openAiTranscriberCandidate: ProviderCandidate<"speech-to-text"> = {
  id: "openai",
  stage: "speech-to-text",
  kind: "cloud",
  description: `OpenAI transcription (${OPENAI_DEFAULT_TRANSCRIPTION_MODEL})`,
  check: async (config) => audioAvailability(config),
  probe: (config) => probeOpenAi(config, OPENAI_DEFAULT_TRANSCRIPTION_MODEL),
  create: async (config) =>
    (await import("./openai-transcriber.js")).createOpenAiTranscriber(openAiOptionsFrom(config)),
};

export const openAiSpeechCandidate: ProviderCandidate<"speech"> = {
  id: "openai",
  stage: "speech",
  kind: "cloud",
  description: `OpenAI speech (${OPENAI_DEFAULT_SPEECH_MODEL}), visemes read from the audio`,
  check: async (config) => audioAvailability(config),
  probe: (config) => probeOpenAi(config, OPENAI_DEFAULT_SPEECH_MODEL),
  create: async (config) =>
    (await import("./openai-synthesizer.js")).createOpenAiSynthesizer(openAiOptionsFrom(config)),
};
