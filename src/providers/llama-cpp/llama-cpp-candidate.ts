import { createRequire } from "node:module";
import { ConfigError } from "../../core/errors.js";
import type { ProviderCandidate } from "../registry.js";
import { findGgufModel } from "./gguf-models.js";

const require = createRequire(import.meta.url);

function binaryInstalled(): boolean {
  try {
    require.resolve(`@node-llama-cpp/${process.platform}-${process.arch}`);
    return true;
  } catch {
    return false;
  }
}

/** A local LLM as the twin's brain, when a GGUF chat model has been pulled into the models dir. */
export const llamaCppCandidate: ProviderCandidate<"brain"> = {
  id: "llama-cpp",
  stage: "brain",
  kind: "local",
  description: "local LLM on a GGUF model (node-llama-cpp, CPU), persona prompt and chat template",
  async check(config) {
    if (!binaryInstalled()) {
      return {
        available: false,
        reason: `@node-llama-cpp/${process.platform}-${process.arch} is not installed`,
      };
    }
    const named = config.openai.model;
    const model = findGgufModel(config.modelsDir, named);
    if (model) return { available: true, reason: `model ${model}` };
    return named?.toLowerCase().endsWith(".gguf")
      ? { available: false, reason: `AITWIN_LLM_MODEL names ${named}, which is not there` }
      : {
          available: false,
          reason: `no GGUF model in ${config.modelsDir} (aitwin models pull qwen2.5-0.5b-instruct)`,
        };
  },
  async create(config) {
    const model = findGgufModel(config.modelsDir, config.openai.model);
    if (!model) throw new ConfigError(`no GGUF model in ${config.modelsDir}`);
    // The model's code is imported when one is made, not with the list of candidates.
    const { LlamaCppChatModel } = await import("./llama-chat-model.js");
    return new LlamaCppChatModel({ modelPath: model });
  },
};
