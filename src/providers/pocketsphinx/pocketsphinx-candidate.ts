import { ConfigError } from "../../core/errors.js";
import type { ProviderCandidate } from "../registry.js";
import { findPocketsphinx } from "./pocketsphinx-install.js";

/** The offline recogniser that needs no download: Debian's pocketsphinx with its US English model. */
export const pocketsphinxCandidate: ProviderCandidate<"speech-to-text"> = {
  id: "pocketsphinx",
  stage: "speech-to-text",
  kind: "local",
  description: "CMU PocketSphinx (Debian pocketsphinx + pocketsphinx-en-us), English, offline",
  async check() {
    const lookup = findPocketsphinx();
    return lookup.found
      ? { available: true, reason: `${lookup.install.binary} with the model in ${lookup.install.modelDir}` }
      : { available: false, reason: lookup.reason };
  },
  async create() {
    const lookup = findPocketsphinx();
    if (!lookup.found) throw new ConfigError(lookup.reason);
    // The transcriber's code is imported when one is made, not with the list of candidates.
    const { PocketsphinxTranscriber } = await import("./pocketsphinx-transcriber.js");
    return new PocketsphinxTranscriber(lookup.install);
  },
};
