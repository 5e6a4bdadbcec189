import { existsSync } from "node:fs";
import { findOnPath } from "../../system/find-on-path.js";

/** Where Debian's `pocketsphinx-en-us` puts the US English acoustic model, language model and dictionary. */
export const DEBIAN_MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";

export interface PocketsphinxInstall {
  binary: string;
  modelDir: string;
}

export type PocketsphinxLookup =
  | { found: true; install: PocketsphinxInstall }
  | { found: false; reason: string };

/** Looks for the Debian recogniser and its English model; says which is missing when one is. */
export function findPocketsphinx(path?: string, modelDir = DEBIAN_MODEL_DIR): PocketsphinxLookup {
  const binary = findOnPath("pocketsphinx_continuous", path);
  if (!binary)
    return { found: false, reason: "pocketsphinx_continuous not found on PATH (apt install pocketsphinx)" };
  if (!existsSync(`${modelDir}/en-us`) || !existsSync(`${modelDir}/cmudict-en-us.dict`)) {
    return { found: false, reason: `no English model in ${modelDir} (apt install pocketsphinx-en-us)` };
  }
  return { found: true, install: { binary, modelDir } };
}
