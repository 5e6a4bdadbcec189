import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** whisper.cpp models in ggml format, by the names `aitwin models pull` and whisper.cpp's own script give them. */
const GGML_MODEL = /^ggml-[\w.-]+\.bin$/;

/** Smaller English models first: on two cores a turn must be recognised in well under a second. */
const PREFERENCE = ["ggml-base.en.bin", "ggml-tiny.en.bin", "ggml-base.bin", "ggml-tiny.bin"];

/** The ggml whisper model to use from the models dir, or undefined when there is none. */
export function findWhisperModel(modelsDir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(modelsDir).filter((name) => GGML_MODEL.test(name) && !name.includes("silero"));
  } catch {
    return undefined;
  }
  names = names.filter((name) => statSync(join(modelsDir, name)).isFile());
  const rank = (name: string) => {
    const index = PREFERENCE.indexOf(name);
    return index === -1 ? PREFERENCE.length : index;
  };
  const best = names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
  return best ? join(modelsDir, best) : undefined;
}
