import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { keyMatches, presentedKey } from "./auth.js";

/**
 * Routes anyone may call when a key is set, by the name the router matched (`METHOD /pattern`; HEAD counts as GET).
 * Everything else needs the key, including routes added later by anyone: the default is to deny.
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  // Liveness for load balancers and `aitwin serve`'s own readiness check.
  "GET /healthz",
  // The page's static files: the page itself asks for the key before it calls the API.
  "GET /",
  "GET /index.html",
  "GET /app.js",
  "GET /app.js.map",
  "GET /app.css",
  "GET /pcm-capture.js",
  // D-ID calls back here and cannot send our key: a per-talk token in the URL is checked by the handler.
  "POST /webhooks/d-id/:waitId",
  // A finished talk's MP4, like D-ID's S3 result URLs: the 128-bit key in the path is the credential.
  "GET /talks/:id/result/:key",
]);

/** EventSource cannot send headers: these streams alone take the key as `?key=`. */
export const KEY_IN_QUERY_ROUTES: ReadonlySet<string> = new Set([
  "GET /api/conversations/:id/events",
  "GET /api/talks/:id/events",
]);

/** D-ID's routes answer a refusal in D-ID's error shape; the page's API in its own. */
const DID_PREFIXES = ["/talks", "/images", "/audios"];

export interface RouteName {
  method: string;
  url: string;
}

const registered = new WeakMap<FastifyInstance, RouteName[]>();

/** Every route registered after `installRouteAccess`, for audits and the test that walks them all. */
export function registeredRoutes(server: FastifyInstance): readonly RouteName[] {
  return registered.get(server) ?? [];
}

/** `GET /talks/:id` for the route the router matched; undefined when nothing matched (a 404). */
export function matchedRouteName(request: FastifyRequest): string | undefined {
  const url = request.routeOptions.url;
  if (url === undefined) return undefined;
  return `${request.method === "HEAD" ? "GET" : request.method} ${url}`;
}

export function isDidPath(path: string): boolean {
  return DID_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * One authorisation decision for every request, on the route the router matched (never the raw URL, which may be
 * percent-encoded or carry a query that looks like a path). Without a key configured everything is open: the server
 * then only listens on loopback (`checkExposure`).
 */
export function installRouteAccess(server: FastifyInstance, apiKey: string | undefined): void {
  const routes: RouteName[] = [];
  registered.set(server, routes);
  server.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  if (!apiKey) return;
  server.addHook("onRequest", async (request, reply) => {
    const name = matchedRouteName(request);
    if (name !== undefined && PUBLIC_ROUTES.has(name)) return;
    const allowQuery = name !== undefined && KEY_IN_QUERY_ROUTES.has(name);
    if (keyMatches(presentedKey(request, allowQuery), apiKey)) return;
    return refuse(request, reply);
  });
}

function refuse(request: FastifyRequest, reply: FastifyReply) {
  const path = request.routeOptions.url ?? safePath(request.url);
  if (isDidPath(path)) {
    return reply
      .status(401)
      .header("www-authenticate", 'Basic realm="aitwin"')
      .send({ kind: "AuthorizationError", description: "Unauthorized: missing or wrong API key" });
  }
  return reply.status(401).send({ error: "missing or wrong API key" });
}

/** The decoded path of an unmatched request, only to pick the shape of its refusal. */
function safePath(url: string): string {
  const path = url.split("?")[0] ?? "";
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
