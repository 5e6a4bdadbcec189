import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { BadInputError } from "../core/errors.js";
import { isPublicAddress } from "./address-policy.js";

export interface UrlPolicy {
  /** Let URLs reach loopback and private addresses (AITWIN_ALLOW_PRIVATE_URLS; tests). */
  allowPrivate: boolean;
  /** Private addresses let through even when `allowPrivate` is off (tests that need one loopback server). */
  allowedAddresses?: string[];
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_URL_POLICY: UrlPolicy = {
  allowPrivate: false,
  maxBytes: 25 * 1024 * 1024,
  timeoutMs: 20_000,
  maxRedirects: 3,
};

export interface GuardedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Refused by the guard: the URL is the user's mistake (or attack), so a 4xx, never a retry. */
export class UrlRefusedError extends BadInputError {}

/**
 * An HTTP request to a user-given URL through the SSRF guard: http(s) only; the address is checked after DNS
 * resolution, on the very address the socket connects to (no window for DNS rebinding); redirects (GET only) are
 * followed by hand and checked again; the body and the whole exchange are capped in size and time.
 */
export async function guardedRequest(
  target: string,
  policy: UrlPolicy,
  init: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string } = {},
): Promise<GuardedResponse> {
  const signal = AbortSignal.timeout(policy.timeoutMs);
  let url = parseUrl(target);
  for (let redirects = 0; ; redirects++) {
    const response = await requestOnce(url, policy, init, signal);
    const location = response.headers.location;
    if (init.method === "POST" || response.status < 300 || response.status >= 400 || !location)
      return response;
    if (redirects >= policy.maxRedirects)
      throw new UrlRefusedError(`${url.origin} redirected too many times`);
    url = parseUrl(new URL(location, url).toString());
  }
}

function parseUrl(value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UrlRefusedError(`${JSON.stringify(value.slice(0, 200))} is not an http(s) URL`);
  }
  if (url.username || url.password) throw new UrlRefusedError("URLs with credentials are not fetched");
  return url;
}

function checkedLookup(policy: UrlPolicy, host: string): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.find((each) => !allowed(policy, each.address));
      if (refused) return callback(refusal(host), "", 0);
      const first = addresses[0];
      if (!first) return callback(new UrlRefusedError(`${host} has no address`), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

function allowed(policy: UrlPolicy, address: string): boolean {
  return policy.allowPrivate || isPublicAddress(address) || (policy.allowedAddresses ?? []).includes(address);
}

function refusal(host: string): UrlRefusedError {
  return new UrlRefusedError(
    `${host} is a private, loopback or link-local address, which talks may not fetch`,
  );
}

function requestOnce(
  url: URL,
  policy: UrlPolicy,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  signal: AbortSignal,
): Promise<GuardedResponse> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && !allowed(policy, host)) return Promise.reject(refusal(host));
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      { method: init.method ?? "GET", headers: init.headers, lookup: checkedLookup(policy, host), signal },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > policy.maxBytes) {
            reject(new UrlRefusedError(`${url.origin} sent more than ${policy.maxBytes} bytes`));
            request.destroy();
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", (error) =>
      reject(error.name === "AbortError" ? new Error(`${url.origin} timed out`) : error),
    );
    request.end(init.body);
  });
}
