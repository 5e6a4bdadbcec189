/** A refusal or failure from the server, with the one-line message it sent (`{error}` or D-ID's `{description}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const KEY_STORAGE = "aitwin.apiKey";

/** The page's client of `/api/…` and the talks API: JSON in and out, the API key (when one is set) on every call. */
export class Api {
  key: string | undefined = localStorage.getItem(KEY_STORAGE) ?? undefined;

  setKey(key: string): void {
    this.key = key;
    localStorage.setItem(KEY_STORAGE, key);
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.key ? { ...extra, authorization: `Bearer ${this.key}` } : extra;
  }

  /** The event stream URL: EventSource cannot send headers, so the key travels in the query. */
  eventsUrl(conversationId: string): string {
    const base = `/api/conversations/${encodeURIComponent(conversationId)}/events`;
    return this.key ? `${base}?key=${encodeURIComponent(this.key)}` : base;
  }

  async json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const response = await this.send(method, path, {
      headers: this.headers(body === undefined ? {} : { "content-type": "application/json" }),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async upload<T>(path: string, body: FormData | Blob, contentType?: string): Promise<T> {
    const response = await this.send("POST", path, {
      headers: this.headers(contentType ? { "content-type": contentType } : {}),
      body,
    });
    return (await response.json()) as T;
  }

  /** POSTs raw bytes where no answer body is expected (204). */
  async sendBytes(path: string, body: Blob, contentType: string): Promise<void> {
    await this.send("POST", path, { headers: this.headers({ "content-type": contentType }), body });
  }

  async blob(path: string): Promise<Blob> {
    return (await this.send("GET", path, { headers: this.headers() })).blob();
  }

  private async send(method: string, path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(path, { method, ...init });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiError(0, "the server cannot be reached; is `aitwin serve` still running?");
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => "");
    let message = `${method} ${path} failed with ${response.status}`;
    try {
      const parsed = JSON.parse(text) as { error?: string; description?: string };
      message = parsed.error ?? parsed.description ?? message;
    } catch {
      // Not JSON (a proxy's error page): keep the status line.
    }
    throw new ApiError(response.status, message);
  }
}
