/** Error bodies as OpenAI sends them: `{"error":{"message","type","param","code"}}`. */
export interface OpenAiErrorReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export function openAiErrorBody(
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
) {
  return { error: { message, type, param, code } };
}

/** The body OpenAI gives for a status, when a test scripts only the status. */
export function defaultErrorBody(status: number, model = "gpt-4o-mini"): unknown {
  if (status === 429) {
    return openAiErrorBody(
      `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`,
      "requests",
      "rate_limit_exceeded",
    );
  }
  if (status === 503)
    return openAiErrorBody(
      "The engine is currently overloaded, please try again later",
      "server_error",
      null,
    );
  if (status >= 500) {
    return openAiErrorBody(
      "The server had an error while processing your request. Sorry about that!",
      "server_error",
      null,
    );
  }
  return openAiErrorBody(`fake error ${status}`, "invalid_request_error", null);
}

/** What OpenAI says to a wrong key: it echoes a masked form of it, which our errors must not pass on. */
export function invalidKeyBody(key: string | undefined) {
  if (!key) {
    return openAiErrorBody(
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      "invalid_request_error",
      null,
    );
  }
  const masked = `${key.slice(0, 5)}${"*".repeat(Math.max(0, key.length - 9))}${key.slice(-4)}`;
  return openAiErrorBody(
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    "invalid_request_error",
    "invalid_api_key",
  );
}

export function modelNotFoundBody(model: string) {
  return openAiErrorBody(
    `The model \`${model}\` does not exist or you do not have access to it.`,
    "invalid_request_error",
    "model_not_found",
  );
}
