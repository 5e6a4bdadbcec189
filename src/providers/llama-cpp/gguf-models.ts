import { existsSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";

/** Smallest instruct models first: the ones `aitwin models pull` offers, sized for a laptop CPU. */
const PREFERENCE = ["qwen2.5-0.5b-instruct-q4_k_m.gguf", "smollm2-360m-instruct-q8_0.gguf"];

/**
 * The GGUF chat model to use: the one AITWIN_LLM_MODEL names when it names a `.gguf` file (absolute, or a file in
 * the models dir), otherwise the preferred GGUF in the models dir. Undefined when there is none.
 */
export function findGgufModel(modelsDir: string, named?: string): string | undefined {
  if (named?.toLowerCase().endsWith(".gguf")) {
    const path = isAbsolute(named) ? named : join(modelsDir, named);
    return existsSync(path) ? path : undefined;
  }
  let names: string[];
  try {
    names = readdirSync(modelsDir).filter((name) => name.toLowerCase().endsWith(".gguf"));
  } catch {
    return undefined;
  }
  names = names.filter((name) => statSync(join(modelsDir, name)).isFile());
  const rank = (name: string) => {
    const index = PREFERENCE.indexOf(name.toLowerCase());
    return index === -1 ? PREFERENCE.length : index;
  };
  const best = names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
  return best ? join(modelsDir, best) : undefined;
}
