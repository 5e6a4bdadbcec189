import { BadInputError, ConfigError, ProviderError } from "../../core/errors.js";
import { isRetryableStatus } from "../openai/retrying-fetch.js";
import { redact } from "../openai/secrets.js";

/** D-ID's error body: `{"kind":"…Error","description":"…"}` (older gateway errors: `{"message":"…"}`). */
interface DidErrorBody {
  kind?: string;
  description?: string;
  message?: string;
}

/** Maps a failed D-ID response to an error that says what to do, never carrying the key. */
export async function didErrorFrom(
  response: Response,
  action: string,
  apiKey: string | undefined,
): Promise<Error> {
  const text = await response.text().catch(() => "");
  let body: DidErrorBody = {};
  try {
    body = JSON.parse(text) as DidErrorBody;
  } catch {
    // Not JSON (a proxy's page): the status is enough.
  }
  const said = redact([body.kind, body.description ?? body.message].filter(Boolean).join(": "), apiKey);
  const detail = said ? ` (${said})` : "";
  const where = `${action} failed with ${response.status}`;
  switch (response.status) {
    case 401:
    case 403:
      return new ConfigError(`d-id: ${where}; the API key was refused: check DID_API_KEY`);
    case 402:
      return new ProviderError("d-id", `${where}: the D-ID account has no credits left${detail}`);
    case 404:
      return new ProviderError("d-id", `${where}: not found; check DID_BASE_URL${detail}`);
    case 451:
      return new BadInputError(`d-id refused the content (moderation)${detail}`);
    case 400:
      return new BadInputError(`d-id: ${where}${detail}`);
    case 429:
      return new ProviderError("d-id", `${where}: rate limited; try again later${detail}`, {
        retryable: true,
      });
    default:
      return new ProviderError("d-id", `${where}${detail}`, {
        retryable: isRetryableStatus(response.status),
      });
  }
}

/** A talk that finished without a video: `rejected` is D-ID's moderation, `error` its failure. */
export function talkFailure(talk: {
  id: string;
  status: string;
  error?: { kind?: string; description?: string };
}) {
  const why = [talk.error?.kind, talk.error?.description].filter(Boolean).join(": ");
  if (talk.status === "rejected") {
    return new BadInputError(`d-id rejected talk ${talk.id} (moderation)${why ? `: ${why}` : ""}`);
  }
  return new ProviderError("d-id", `talk ${talk.id} failed${why ? `: ${why}` : ""}`);
}
