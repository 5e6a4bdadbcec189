import { BadInputError, ProviderError } from "../core/errors.js";
import { guardedRequest, type UrlPolicy } from "./guarded-request.js";
import { signedHeaders } from "./webhook-signing.js";

/** A receiver has this long to answer; a slow one is retried later rather than waited for. */
export const WEBHOOK_TIMEOUT_MS = 5000;

export interface WebhookSigning {
  secret: string;
  /** The delivery's id: the same on every retry of it. */
  id: string;
}

/**
 * POSTs a talk object to its webhook, signed as Standard Webhooks do. A 2xx is delivered; 408, 429, 5xx, timeouts
 * and network failures are worth retrying; any other answer means the receiver will never take it.
 */
export async function postWebhook(
  url: string,
  body: unknown,
  policy: UrlPolicy,
  signing: WebhookSigning,
): Promise<void> {
  const json = JSON.stringify(body);
  const response = await guardedRequest(
    url,
    {
      ...policy,
      maxRedirects: 0,
      maxBytes: 64 * 1024,
      timeoutMs: Math.min(policy.timeoutMs, WEBHOOK_TIMEOUT_MS),
    },
    {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "aitwin-webhooks",
        ...signedHeaders(signing.secret, signing.id, json),
      },
      body: json,
    },
  ).catch((error: unknown) => {
    if (error instanceof BadInputError) throw error;
    throw new ProviderError("webhook", `delivery failed (${(error as Error).message})`, { retryable: true });
  });
  if (response.status >= 200 && response.status < 300) return;
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  throw new ProviderError("webhook", `the receiver answered HTTP ${response.status}`, { retryable });
}
