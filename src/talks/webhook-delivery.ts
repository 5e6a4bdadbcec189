import { BadInputError, ProviderError } from "../core/errors.js";
import { guardedRequest, type UrlPolicy } from "./guarded-request.js";

/**
 * POSTs a talk object to its webhook. A 2xx is delivered; 408, 429, 5xx and network failures are worth retrying;
 * any other answer means the receiver will never take it.
 */
export async function postWebhook(url: string, body: unknown, policy: UrlPolicy): Promise<void> {
  const response = await guardedRequest(
    url,
    { ...policy, maxRedirects: 0, timeoutMs: Math.min(policy.timeoutMs, 15_000) },
    {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "aitwin-webhooks" },
      body: JSON.stringify(body),
    },
  ).catch((error: unknown) => {
    if (error instanceof BadInputError) throw error;
    throw new ProviderError("webhook", `delivery failed (${(error as Error).message})`, { retryable: true });
  });
  if (response.status >= 200 && response.status < 300) return;
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  throw new ProviderError("webhook", `the receiver answered HTTP ${response.status}`, { retryable });
}
