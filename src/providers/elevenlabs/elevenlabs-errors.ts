import { BadInputError, ConfigError, ProviderError } from "../../core/errors.js";
import { isRetryableStatus, NetworkFailure } from "../openai/retrying-fetch.js";
import { redact } from "../openai/secrets.js";

/** ElevenLabs' error body: `{"detail":{"status":"invalid_api_key","message":"…"}}`, or FastAPI's list for 422. */
interface ElevenLabsErrorBody {
  detail?: { status?: string; message?: string } | { msg?: string; loc?: unknown[] }[] | string;
}

export interface ElevenLabsErrorContext {
  action: string;
  apiKey: string | undefined;
  attempts: number;
}

/** A failed response as an error that says what to fix, never carrying the key. */
export async function elevenLabsError(response: Response, context: ElevenLabsErrorContext): Promise<Error> {
  const text = await response.text().catch(() => "");
  let body: ElevenLabsErrorBody = {};
  try {
    body = JSON.parse(text) as ElevenLabsErrorBody;
  } catch {
    // A proxy's page: the status says enough.
  }
  const detail = body.detail;
  const status = typeof detail === "object" && !Array.isArray(detail) ? detail.status : undefined;
  const message =
    typeof detail === "string"
      ? detail
      : Array.isArray(detail)
        ? detail.map((each) => each.msg).join("; ")
        : (detail?.message ?? text.slice(0, 200));
  const said = redact(message ?? "", context.apiKey).trim();
  const suffix = said ? `: ${said}` : "";
  const where = `${context.action} failed with ${response.status}`;
  if (status === "quota_exceeded" || status === "payment_required") {
    return new ProviderError(
      "elevenlabs",
      `${where}: the account's credits are used up (see its subscription)${suffix}`,
    );
  }
  if (response.status === 401 || status === "invalid_api_key") {
    return new ConfigError(`elevenlabs: ${where}; the API key was refused: check ELEVENLABS_API_KEY`);
  }
  if (status === "voice_not_found" || (response.status === 404 && /voice/i.test(said))) {
    return new BadInputError(`elevenlabs: ${where}; no such voice${suffix}`);
  }
  if (response.status === 404) {
    return new ConfigError(`elevenlabs: ${where}; check ELEVENLABS_BASE_URL${suffix}`);
  }
  const after = context.attempts > 1 ? ` after ${context.attempts} attempts` : "";
  return new ProviderError("elevenlabs", `${where}${after}${suffix}`, {
    retryable: isRetryableStatus(response.status),
  });
}

export function elevenLabsFailure(failure: unknown, context: ElevenLabsErrorContext, baseURL: string): Error {
  if (!(failure instanceof NetworkFailure)) return failure as Error;
  const what = failure.timedOut ? "timed out" : `could not reach ${baseURL} (${failure.message})`;
  return new ProviderError(
    "elevenlabs",
    `${context.action} ${redact(what, context.apiKey)}; check ELEVENLABS_BASE_URL`,
    {
      retryable: true,
      cause: failure,
    },
  );
}
