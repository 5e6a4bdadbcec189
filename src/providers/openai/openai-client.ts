import { ConfigError } from "../../core/errors.js";
import { errorFromFailure, errorFromResponse } from "./openai-errors.js";
import { fetchWithRetry, type RetryOptions } from "./retrying-fetch.js";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** What every OpenAI provider takes; each also works against any OpenAI-compatible server (Ollama, vLLM, …). */
export interface OpenAiOptions extends RetryOptions {
  /** The key, or a function read at each call: a missing key fails at use, naming OPENAI_API_KEY. */
  apiKey?: string | (() => string | undefined);
  /** Default https://api.openai.com/v1. A local server may need no key. */
  baseURL?: string;
}

export interface OpenAiCall {
  method?: "GET" | "POST";
  path: string;
  json?: unknown;
  form?: () => FormData;
  signal?: AbortSignal;
  /** For error messages: "chat completion with model gpt-4o-mini". */
  action: string;
  /** The variable to name when the server says the model does not exist. */
  modelVariable?: string;
}

/** The one way our OpenAI providers talk to the server: auth, retries, timeouts and errors that say what to fix. */
export class OpenAiClient {
  readonly baseURL: string;
  constructor(private readonly options: OpenAiOptions = {}) {
    this.baseURL = (options.baseURL ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, "");
  }

  /** A successful response, its body unread; anything else is thrown as a ConfigError or ProviderError. */
  async request(call: OpenAiCall): Promise<Response> {
    const apiKey = this.apiKey();
    const headers: Record<string, string> = {};
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    if (call.json !== undefined) headers["content-type"] = "application/json";
    let attempts = 0;
    const context = {
      action: call.action,
      modelVariable: call.modelVariable ?? "the model option",
      apiKey,
      attempts: 0,
    };
    const makeInit = (): RequestInit => {
      attempts++;
      const body = call.form ? call.form() : call.json === undefined ? undefined : JSON.stringify(call.json);
      return { method: call.method ?? "POST", headers, body };
    };
    let response: Response;
    try {
      response = await fetchWithRetry(`${this.baseURL}${call.path}`, makeInit, {
        ...this.options,
        signal: call.signal,
      });
    } catch (error) {
      throw errorFromFailure(error, { ...context, attempts }, this.baseURL);
    }
    if (!response.ok) throw await errorFromResponse(response, { ...context, attempts });
    return response;
  }

  private apiKey(): string | undefined {
    const { apiKey } = this.options;
    const key = typeof apiKey === "function" ? apiKey() : apiKey;
    // OpenAI itself always needs a key; a server at another address (Ollama, llama.cpp) may not.
    if (!key && this.baseURL === OPENAI_DEFAULT_BASE_URL) {
      throw new ConfigError("openai: OPENAI_API_KEY is not set (or set OPENAI_BASE_URL for a local server)");
    }
    return key;
  }
}
