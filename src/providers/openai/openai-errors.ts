import { ConfigError, ProviderError } from "../../core/errors.js";
import { isRetryableStatus, NetworkFailure } from "./retrying-fetch.js";
import { redact } from "./secrets.js";

/** OpenAI's documented error body: `{"error":{"message","type","code"}}`; compatible servers mostly follow it. */
interface OpenAiErrorBody {
  error?: { message?: string; type?: string; code?: string | null };
}

export interface ErrorContext {
  /** What we were doing, for the message: "chat completion with model gpt-4o-mini". */
  action: string;
  /** The variable holding the model for this call, named when the model is missing. */
  modelVariable: string;
  apiKey: string | undefined;
  attempts: number;
}

/** Turns a failed response into an error that says what to fix, and never carries the key. */
export async function errorFromResponse(response: Response, context: ErrorContext): Promise<Error> {
  const text = await response.text().catch(() => "");
  let body: OpenAiErrorBody = {};
  try {
    body = JSON.parse(text) as OpenAiErrorBody;
  } catch {
    // A proxy's HTML page or plain text: the status says enough.
  }
  const said = redact(body.error?.message ?? text.slice(0, 200), context.apiKey).trim();
  const detail = said ? `: ${said}` : "";
  const { status } = response;
  const where = `${context.action} failed with ${status}`;
  if (status === 401)
    return new ConfigError(`openai: ${where}; the API key was refused: check OPENAI_API_KEY`);
  if (status === 403)
    return new ConfigError(`openai: ${where}; this key may not use it: check OPENAI_API_KEY${detail}`);
  if (status === 404) {
    const model = body.error?.code === "model_not_found" || /model/i.test(said);
    const fix = model ? `check ${context.modelVariable}` : "check OPENAI_BASE_URL (it should end in /v1)";
    return new ConfigError(`openai: ${where}; ${fix}${detail}`);
  }
  if (status === 429 && body.error?.code === "insufficient_quota") {
    return new ProviderError("openai", `${where}: the account has no quota left (see its billing)${detail}`);
  }
  const after = context.attempts > 1 ? ` after ${context.attempts} attempts` : "";
  return new ProviderError("openai", `${where}${after}${detail}`, { retryable: isRetryableStatus(status) });
}

export function errorFromFailure(failure: unknown, context: ErrorContext, baseURL: string): Error {
  if (!(failure instanceof NetworkFailure)) return failure as Error;
  const what = failure.timedOut ? "timed out" : `could not reach ${baseURL} (${failure.message})`;
  return new ProviderError(
    "openai",
    `${context.action} ${redact(what, context.apiKey)}; check OPENAI_BASE_URL`,
    {
      retryable: true,
      cause: failure,
    },
  );
}
