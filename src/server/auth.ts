import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { ConfigError } from "../core/errors.js";

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Refuses to start on a non-loopback address without a key: a twin's memories are personal. */
export function checkExposure(host: string, apiKey: string | undefined): void {
  if (!isLoopback(host) && !apiKey) {
    throw new ConfigError(`AITWIN_API_KEY must be set to serve on ${host} (anything but loopback)`);
  }
}

/**
 * The key a request carries: `Authorization: Bearer K`, `Basic base64(K:)` / `Basic K` (as D-ID clients send), or
 * `x-api-key`; and `?key=K` only where `allowQuery` says so (event streams, whose EventSource cannot send headers).
 */
export function presentedKey(request: FastifyRequest, allowQuery = false): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice(7).trim();
  if (header?.startsWith("Basic ")) {
    const value = header.slice(6).trim();
    const decoded = Buffer.from(value, "base64").toString("utf8");
    // D-ID documents `Basic <key>`; HTTP clients send base64("user:password"). Accept the key in either place.
    return /^[\x20-\x7e]+$/.test(decoded) && decoded.includes(":") ? decoded.replace(/:$/, "") : value;
  }
  const apiKeyHeader = request.headers["x-api-key"];
  if (typeof apiKeyHeader === "string") return apiKeyHeader;
  const query = request.query as Record<string, unknown> | undefined;
  if (allowQuery && typeof query?.key === "string") return query.key;
  return undefined;
}

export function keyMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
