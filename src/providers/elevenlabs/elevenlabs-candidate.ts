import type { Config } from "../../config.js";
import { displayUrl } from "../display-url.js";
import type { ProviderCandidate } from "../registry.js";
import {
  ELEVENLABS_DEFAULT_BASE_URL,
  ELEVENLABS_DEFAULT_MODEL,
  ElevenLabsClient,
  type ElevenLabsOptions,
} from "./elevenlabs-client.js";

/** Client options from the configuration; the key is read at each call, never copied into the provider. */
export function elevenLabsOptionsFrom(config: Config): ElevenLabsOptions {
  return { apiKey: () => config.elevenlabs?.apiKey, baseURL: config.elevenlabs?.baseURL };
}

export function elevenLabsClient(config: Config): ElevenLabsClient {
  return new ElevenLabsClient(elevenLabsOptionsFrom(config));
}

/** ElevenLabs voices (`elevenlabs:<id>`) with the local voices beside them; opt-in by ELEVENLABS_API_KEY. */
export const elevenLabsCandidate: ProviderCandidate<"speech"> = {
  id: "elevenlabs",
  stage: "speech",
  kind: "cloud",
  description: `ElevenLabs speech (${ELEVENLABS_DEFAULT_MODEL}) and instant voice cloning, visemes from its character timings; local voices beside it`,
  async check(config) {
    if (!config.elevenlabs?.apiKey) return { available: false, reason: "ELEVENLABS_API_KEY is not set" };
    const where = config.elevenlabs.baseURL
      ? displayUrl(config.elevenlabs.baseURL)
      : ELEVENLABS_DEFAULT_BASE_URL;
    return { available: true, reason: `ELEVENLABS_API_KEY is set (${where})` };
  },
  /** One cheap authenticated call: the voices the key may use. */
  async probe(config) {
    try {
      const client = new ElevenLabsClient({
        ...elevenLabsOptionsFrom(config),
        maxRetries: 1,
        timeoutMs: 10_000,
      });
      const response = await client.request({ method: "GET", path: "/v1/voices", action: "GET /v1/voices" });
      const body = (await response.json()) as { voices?: unknown[] };
      return { available: true, reason: `answered GET /v1/voices (${body.voices?.length ?? 0} voices)` };
    } catch (error) {
      return { available: false, reason: (error as Error).message };
    }
  },
  async create(config) {
    // The synthesisers' code is imported when one is made, not with the list of candidates.
    const [{ elevenLabsWithLocal }, { createElevenLabsSynthesizer }, { createFliteSynthesizer }] =
      await Promise.all([
        import("./elevenlabs-with-local.js"),
        import("./elevenlabs-synthesizer.js"),
        import("../flite/flite-synthesizer.js"),
      ]);
    return elevenLabsWithLocal(
      createElevenLabsSynthesizer(elevenLabsOptionsFrom(config)),
      createFliteSynthesizer(),
    );
  },
};
