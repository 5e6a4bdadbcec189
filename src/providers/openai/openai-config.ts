import type { Config } from "../../config.js";
import { displayUrl } from "../display-url.js";
import type { Availability } from "../registry.js";
import { OPENAI_DEFAULT_BASE_URL, OpenAiClient, type OpenAiOptions } from "./openai-client.js";

/** Client options from the configuration; the key is read at each call, never copied into the provider. */
export function openAiOptionsFrom(config: Config): OpenAiOptions {
  return { apiKey: () => config.openai.apiKey, baseURL: config.openai.baseURL };
}

/** Where requests go, shown without any credentials the URL may carry (user info, query). */
export function describeServer(config: Config): string {
  if (!config.openai.baseURL) return OPENAI_DEFAULT_BASE_URL;
  return displayUrl(config.openai.baseURL);
}

/** The chat brain serves with a key, or with only OPENAI_BASE_URL for a keyless local server (Ollama, llama.cpp). */
export function chatAvailability(config: Config): Availability {
  if (config.openai.apiKey)
    return { available: true, reason: `OPENAI_API_KEY is set (${describeServer(config)})` };
  if (config.openai.baseURL) {
    return {
      available: true,
      reason: `OPENAI_BASE_URL is ${describeServer(config)} (no key: a local server)`,
    };
  }
  return { available: false, reason: "OPENAI_API_KEY is not set (nor OPENAI_BASE_URL for a local server)" };
}

/**
 * Audio endpoints need the key: a keyless OPENAI_BASE_URL is taken for a local chat server, and those (Ollama,
 * llama.cpp) have no speech endpoints, so claiming the voice stages for them would break speech that works locally.
 */
export function audioAvailability(config: Config): Availability {
  if (config.openai.apiKey)
    return { available: true, reason: `OPENAI_API_KEY is set (${describeServer(config)})` };
  if (config.openai.baseURL) {
    return {
      available: false,
      reason: "OPENAI_BASE_URL has no OPENAI_API_KEY: taken for a chat-only local server",
    };
  }
  return { available: false, reason: "OPENAI_API_KEY is not set" };
}

/** A cheap authenticated call: GET /models lists what the key may use (and says whether our model is there). */
export async function probeOpenAi(config: Config, model?: string): Promise<Availability> {
  try {
    const client = new OpenAiClient({ ...openAiOptionsFrom(config), maxRetries: 1, timeoutMs: 10_000 });
    const response = await client.request({ method: "GET", path: "/models", action: "GET /models" });
    const body = (await response.json()) as { data?: { id?: string }[] };
    const ids = (body.data ?? []).map((each) => each.id);
    const listed =
      model === undefined ? "" : ids.includes(model) ? `; ${model} is listed` : `; ${model} is NOT listed`;
    return {
      available: true,
      reason: `${describeServer(config)} answered GET /models (${ids.length} models${listed})`,
    };
  } catch (error) {
    return { available: false, reason: (error as Error).message };
  }
}
