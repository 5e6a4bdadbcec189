import type { Config } from "../../config.js";
import { displayUrl } from "../display-url.js";
import type { ProviderCandidate } from "../registry.js";
import { DID_DEFAULT_BASE_URL, DidClient } from "./did-client.js";
import type { DidVoice } from "./did-talk.js";

/** DID_VOICE is `provider:voice_id` (validated by the config schema); D-ID's default voice when unset. */
function didVoice(setting: string | undefined): DidVoice | undefined {
  if (!setting) return undefined;
  const [type, ...rest] = setting.split(":");
  return { type: type as DidVoice["type"], voice_id: rest.join(":") };
}

function clientOptions(config: Config) {
  return { apiKey: () => config.did.apiKey, baseURL: config.did.baseURL };
}

/** D-ID talks as the talking head, when DID_API_KEY is set; webhooks when PUBLIC_URL says where D-ID can reach us. */
export const didCandidate: ProviderCandidate<"talking-head"> = {
  id: "d-id",
  stage: "talking-head",
  kind: "cloud",
  description: "D-ID talks (photo uploaded to D-ID, its voices), by webhook to PUBLIC_URL or by polling",
  async check(config) {
    if (!config.did.apiKey) return { available: false, reason: "DID_API_KEY is not set" };
    const server = displayUrl(config.did.baseURL ?? DID_DEFAULT_BASE_URL);
    const completion = config.publicUrl ? "webhooks to PUBLIC_URL" : "polling (PUBLIC_URL is not set)";
    return { available: true, reason: `DID_API_KEY is set (${server}); completion by ${completion}` };
  },
  async probe(config) {
    try {
      const credits = await new DidClient({
        ...clientOptions(config),
        maxRetries: 1,
        timeoutMs: 10_000,
      }).credits();
      const left = credits.remaining === undefined ? "" : ` (${credits.remaining} credits left)`;
      return { available: true, reason: `D-ID answered GET /credits${left}` };
    } catch (error) {
      return { available: false, reason: (error as Error).message };
    }
  },
  async create(config, context) {
    // The renderer's code (a webhook server among it) is imported when one is made, not with the list of candidates.
    const { createDidRenderer } = await import("./did-renderer.js");
    return createDidRenderer({
      ...clientOptions(config),
      publicUrl: config.publicUrl,
      listen: { host: config.host, port: config.port },
      mediaDir: config.mediaDir,
      voice: didVoice(config.did.voice),
      webhooks: context?.didWebhooks,
    });
  },
};
