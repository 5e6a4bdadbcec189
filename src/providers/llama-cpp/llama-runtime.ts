import { availableParallelism } from "node:os";
import type { Llama, LlamaModel } from "node-llama-cpp";
import { ProviderError } from "../../core/errors.js";

let llama: Promise<Llama> | undefined;
const models = new Map<string, Promise<LlamaModel>>();

/**
 * The llama.cpp runtime, once per process: the prebuilt CPU binary from `@node-llama-cpp/linux-x64`. `build: never`
 * because building llama.cpp from source would try to download it; `gpu: false` because the slim install has no
 * GPU binaries.
 */
export function loadLlama(): Promise<Llama> {
  llama ??= import("node-llama-cpp")
    .then(({ getLlama, LlamaLogLevel }) =>
      getLlama({ gpu: false, build: "never", progressLogs: false, logLevel: LlamaLogLevel.error }),
    )
    .catch((error: unknown) => {
      llama = undefined;
      throw new ProviderError("llama-cpp", `cannot start llama.cpp: ${(error as Error).message}`, {
        cause: error,
      });
    });
  return llama;
}

/** A GGUF model, loaded once per path and shared. */
export function loadGguf(modelPath: string): Promise<LlamaModel> {
  let model = models.get(modelPath);
  if (!model) {
    model = loadLlama()
      .then((runtime) => runtime.loadModel({ modelPath }))
      .catch((error: unknown) => {
        models.delete(modelPath);
        if (error instanceof ProviderError) throw error;
        throw new ProviderError("llama-cpp", `cannot load ${modelPath}: ${(error as Error).message}`, {
          cause: error,
        });
      });
    models.set(modelPath, model);
  }
  return model;
}

/**
 * Threads for generation: one fewer than the cores, at least one. Oversubscribing (llama.cpp's default on a busy
 * two-core machine) makes its threads spin-wait on each other and runs tens of times slower.
 */
export function generationThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}
