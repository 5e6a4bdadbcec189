import { ConfigError, ProviderError } from "../../core/errors.js";
import { fetchWithRetry, NetworkFailure, type RetryOptions } from "../openai/retrying-fetch.js";
import { redact } from "../openai/secrets.js";
import { didErrorFrom } from "./did-errors.js";
import type { DidTalk, DidTalkRequest } from "./did-talk.js";

export const DID_DEFAULT_BASE_URL = "https://api.d-id.com";

export interface DidClientOptions extends RetryOptions {
  /** D-ID's key as its studio gives it (already `user:secret` in base64), or a function read at each call. */
  apiKey?: string | (() => string | undefined);
  baseURL?: string;
}

interface Call {
  method: "GET" | "POST";
  path: string;
  json?: unknown;
  form?: () => FormData;
  signal?: AbortSignal;
  action: string;
  /** Creating a talk costs credits: only statuses that mean "not processed" are retried. */
  retryStatus?: (status: number) => boolean;
}

/** The parts of D-ID's REST API the renderer uses; auth, retries and D-ID's errors in one place. */
export class DidClient {
  readonly baseURL: string;
  constructor(private readonly options: DidClientOptions = {}) {
    this.baseURL = (options.baseURL ?? DID_DEFAULT_BASE_URL).replace(/\/+$/, "");
  }

  /** Uploads a photo so no public image host is needed; the returned `url` is a `source_url` for talks. */
  async uploadImage(
    bytes: Uint8Array,
    filename: string,
    signal?: AbortSignal,
  ): Promise<{ id: string; url: string }> {
    const form = () => {
      const data = new FormData();
      data.set("image", new Blob([bytes], { type: "image/jpeg" }), filename);
      return data;
    };
    const call = { method: "POST", path: "/images", form, signal, action: "image upload" } as const;
    return (await this.call(call)).json() as Promise<{ id: string; url: string }>;
  }

  async createTalk(body: DidTalkRequest, signal?: AbortSignal): Promise<DidTalk> {
    const retryStatus = (status: number) => status === 429 || status === 503;
    const call = {
      method: "POST",
      path: "/talks",
      json: body,
      signal,
      action: "creating a talk",
      retryStatus,
    } as const;
    return (await this.call(call)).json() as Promise<DidTalk>;
  }

  async getTalk(id: string, signal?: AbortSignal): Promise<DidTalk> {
    const path = `/talks/${encodeURIComponent(id)}`;
    return (
      await this.call({ method: "GET", path, signal, action: `GET /talks/${id}` })
    ).json() as Promise<DidTalk>;
  }

  /** The cheapest authenticated call: what `aitwin doctor --probe` makes. */
  async credits(signal?: AbortSignal): Promise<{ remaining?: number; total?: number }> {
    return (
      await this.call({ method: "GET", path: "/credits", signal, action: "GET /credits" })
    ).json() as Promise<{ remaining?: number; total?: number }>;
  }

  private async call(call: Call): Promise<Response> {
    const apiKey = this.apiKey();
    const headers: Record<string, string> = { authorization: `Basic ${apiKey}`, accept: "application/json" };
    if (call.json !== undefined) headers["content-type"] = "application/json";
    const makeInit = (): RequestInit => ({
      method: call.method,
      headers,
      body: call.form ? call.form() : call.json === undefined ? undefined : JSON.stringify(call.json),
    });
    let response: Response;
    try {
      response = await fetchWithRetry(`${this.baseURL}${call.path}`, makeInit, {
        ...this.options,
        retryStatus: call.retryStatus ?? this.options.retryStatus,
        signal: call.signal,
      });
    } catch (error) {
      if (!(error instanceof NetworkFailure)) throw error;
      const what = error.timedOut ? "timed out" : `could not reach ${this.baseURL} (${error.message})`;
      throw new ProviderError("d-id", `${call.action} ${redact(what, apiKey)}; check DID_BASE_URL`, {
        retryable: true,
        cause: error,
      });
    }
    if (!response.ok) throw await didErrorFrom(response, call.action, apiKey);
    return response;
  }

  private apiKey(): string {
    const { apiKey } = this.options;
    const key = typeof apiKey === "function" ? apiKey() : apiKey;
    if (!key) throw new ConfigError("d-id: DID_API_KEY is not set");
    return key;
  }
}
