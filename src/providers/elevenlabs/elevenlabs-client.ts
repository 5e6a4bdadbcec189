import { ConfigError } from "../../core/errors.js";
import { fetchWithRetry, type RetryOptions } from "../openai/retrying-fetch.js";
import { elevenLabsError, elevenLabsFailure } from "./elevenlabs-errors.js";

/** The speech model used for ElevenLabs voices. */
export const ELEVENLABS_DEFAULT_MODEL = "eleven_multilingual_v2";

export const ELEVENLABS_DEFAULT_BASE_URL = "https://api.elevenlabs.io";

export interface ElevenLabsOptions extends RetryOptions {
  /** The key, or a function read at each call: a missing key fails at use, naming ELEVENLABS_API_KEY. */
  apiKey?: string | (() => string | undefined);
  /** Default https://api.elevenlabs.io (paths start with /v1). */
  baseURL?: string;
}

export interface ElevenLabsCall {
  method?: "GET" | "POST";
  /** From /v1 on, with any query. */
  path: string;
  json?: unknown;
  form?: () => FormData;
  signal?: AbortSignal;
  /** For error messages: "speech with voice 21m00…". */
  action: string;
}

/** The one way our ElevenLabs code talks to the service: the `xi-api-key` header, retries, timeouts, errors. */
export class ElevenLabsClient {
  readonly baseURL: string;
  constructor(private readonly options: ElevenLabsOptions = {}) {
    this.baseURL = (options.baseURL ?? ELEVENLABS_DEFAULT_BASE_URL).replace(/\/+$/, "");
  }

  /** A successful response, its body unread; anything else is thrown as a ConfigError, BadInputError or ProviderError. */
  async request(call: ElevenLabsCall): Promise<Response> {
    const apiKey = this.apiKey();
    const headers: Record<string, string> = { "xi-api-key": apiKey };
    if (call.json !== undefined) headers["content-type"] = "application/json";
    let attempts = 0;
    const makeInit = (): RequestInit => {
      attempts++;
      const body = call.form ? call.form() : call.json === undefined ? undefined : JSON.stringify(call.json);
      return { method: call.method ?? "POST", headers, body };
    };
    const context = () => ({ action: call.action, apiKey, attempts });
    let response: Response;
    try {
      response = await fetchWithRetry(`${this.baseURL}${call.path}`, makeInit, {
        ...this.options,
        signal: call.signal,
      });
    } catch (error) {
      throw elevenLabsFailure(error, context(), this.baseURL);
    }
    if (!response.ok) throw await elevenLabsError(response, context());
    return response;
  }

  private apiKey(): string {
    const { apiKey } = this.options;
    const key = typeof apiKey === "function" ? apiKey() : apiKey;
    if (!key) throw new ConfigError("elevenlabs: ELEVENLABS_API_KEY is not set");
    return key;
  }
}
