import { ConfigError } from "../../core/errors.js";
import type { ProviderCandidate } from "../registry.js";
import { whisperBinaryInstalled } from "./whisper-binding.js";
import { findWhisperModel } from "./whisper-models.js";

/** whisper.cpp, the strongest local recogniser, when a ggml model has been pulled into the models dir. */
export const whisperCppCandidate: ProviderCandidate<"speech-to-text"> = {
  id: "whisper-cpp",
  stage: "speech-to-text",
  kind: "local",
  description: "whisper.cpp (@fugood/whisper.node) with a ggml model from the models dir",
  async check(config) {
    if (!whisperBinaryInstalled()) {
      return {
        available: false,
        reason: `@fugood/node-whisper-${process.platform}-${process.arch} is not installed`,
      };
    }
    const model = findWhisperModel(config.modelsDir);
    return model
      ? { available: true, reason: `model ${model}` }
      : {
          available: false,
          reason: `no ggml model in ${config.modelsDir} (aitwin models pull whisper-base.en)`,
        };
  },
  async create(config) {
    const model = findWhisperModel(config.modelsDir);
    if (!model) throw new ConfigError(`no whisper ggml model in ${config.modelsDir}`);
    // The transcriber's code is imported when one is made, not with the list of candidates.
    const { WhisperCppTranscriber } = await import("./whisper-transcriber.js");
    return new WhisperCppTranscriber({ modelPath: model });
  },
};
