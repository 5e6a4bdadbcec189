import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASTRONAUT_PHOTO } from "../avatar/node/test-support/fixtures.js";
import { KEY_IN_QUERY_ROUTES, PUBLIC_ROUTES, registeredRoutes } from "./route-access.js";
import { webRoot } from "./routes/page.js";
import { disguises } from "./test-support/disguised-paths.js";
import { type KeyedServer, rawRequest, startKeyedServer, TEST_KEY } from "./test-support/keyed-server.js";
import { readEvents } from "./test-support/sse-client.js";

const basic = (text: string) => `Basic ${Buffer.from(text).toString("base64")}`;
const WRONG = "not-the-key";

/** Every way a key can be presented, wrong. */
const wrongKeys: { style: string; headers?: Record<string, string>; query?: string }[] = [
  { style: "no key" },
  { style: "Bearer", headers: { authorization: `Bearer ${WRONG}` } },
  { style: "Basic base64(key:)", headers: { authorization: basic(`${WRONG}:`) } },
  { style: "Basic key", headers: { authorization: `Basic ${WRONG}` } },
  { style: "x-api-key", headers: { "x-api-key": WRONG } },
  { style: "?key=", query: `key=${WRONG}` },
  { style: "empty Bearer", headers: { authorization: "Bearer " } },
];

/** Every header way of presenting the right key. */
const rightKeys: { style: string; headers: Record<string, string> }[] = [
  { style: "Bearer", headers: { authorization: `Bearer ${TEST_KEY}` } },
  { style: "Basic base64(key:)", headers: { authorization: basic(`${TEST_KEY}:`) } },
  { style: "Basic key (as D-ID documents)", headers: { authorization: `Basic ${TEST_KEY}` } },
  { style: "x-api-key", headers: { "x-api-key": TEST_KEY } },
];

/** A concrete path for a route pattern: every parameter an id that does not exist, so no handler changes anything. */
function concrete(url: string): string {
  return url.replace(/:[^/]+/g, "nosuch").replace(/\*$/, "nosuch");
}

describe("authorisation with an API key (issue 12, cases 1, 2 and 6)", () => {
  let keyed: KeyedServer;
  let routes: { method: string; url: string; name: string }[];

  beforeAll(async () => {
    keyed = await startKeyedServer();
    const seen = new Map<string, { method: string; url: string; name: string }>();
    for (const route of registeredRoutes(keyed.server)) {
      if (route.method === "HEAD" || route.method === "OPTIONS") continue;
      const name = `${route.method} ${route.url}`;
      seen.set(name, { ...route, name });
    }
    routes = [...seen.values()];
  });
  afterAll(async () => keyed?.close());

  it("knows the routes it guards, and every public route by name exists", () => {
    const names = routes.map((route) => route.name);
    expect(names).toEqual(expect.arrayContaining(["GET /api/twins", "POST /talks", "GET /images/:file"]));
    expect(routes.length).toBeGreaterThan(30);
    const optional = new Set(["GET /app.js.map"]); // only present in a development build
    for (const name of PUBLIC_ROUTES) if (!optional.has(name)) expect(names).toContain(name);
    for (const name of KEY_IN_QUERY_ROUTES) expect(names).toContain(name);
  });

  it("lists every file of the built page as public, so the page loads before it asks for the key", () => {
    const root = webRoot();
    if (!root) return; // not built: the page's routes answer 503 and there is nothing to load
    for (const file of readdirSync(root)) expect(PUBLIC_ROUTES).toContain(`GET /${file}`);
  });

  it("refuses every guarded route without the right key, in every key style", async () => {
    const admitted: string[] = [];
    for (const route of routes) {
      if (PUBLIC_ROUTES.has(route.name)) continue;
      const path = concrete(route.url);
      for (const key of wrongKeys) {
        const url = key.query ? `${path}?${key.query}` : path;
        const answer = await rawRequest(keyed.port, route.method, url, { headers: key.headers });
        if (answer.status !== 401) admitted.push(`${route.method} ${url} (${key.style}) → ${answer.status}`);
      }
    }
    expect(admitted).toEqual([]);
  });

  it("refuses every guarded route behind encoded, dotted or query-disguised paths", async () => {
    const admitted: string[] = [];
    for (const route of routes) {
      if (PUBLIC_ROUTES.has(route.name)) continue;
      for (const path of disguises(concrete(route.url))) {
        const answer = await rawRequest(keyed.port, route.method, path);
        if (answer.status !== 401) admitted.push(`${route.method} ${path} → ${answer.status}`);
      }
    }
    expect(admitted).toEqual([]);
  });

  it("lets the right key through on every guarded route, in every header style", async () => {
    const refused: string[] = [];
    for (const route of routes) {
      if (PUBLIC_ROUTES.has(route.name)) continue;
      for (const key of rightKeys) {
        const path = concrete(route.url);
        const answer = await rawRequest(keyed.port, route.method, path, {
          headers: key.headers,
          statusOnly: true,
        });
        if (answer.status === 401) refused.push(`${route.method} ${path} (${key.style})`);
      }
    }
    expect(refused).toEqual([]);
  });

  it("takes the key from the query string on event streams only", async () => {
    for (const route of routes) {
      if (PUBLIC_ROUTES.has(route.name)) continue;
      const answer = await rawRequest(keyed.port, route.method, `${concrete(route.url)}?key=${TEST_KEY}`, {
        statusOnly: true,
      });
      const expected = KEY_IN_QUERY_ROUTES.has(route.name) ? "admitted" : "refused";
      expect(`${route.name}: ${answer.status === 401 ? "refused" : "admitted"}`).toBe(
        `${route.name}: ${expected}`,
      );
    }
  });

  it("serves the public routes without a key", async () => {
    for (const route of routes) {
      if (!PUBLIC_ROUTES.has(route.name)) continue;
      const answer = await rawRequest(keyed.port, route.method, concrete(route.url), { statusOnly: true });
      expect(`${route.name} → ${answer.status === 401 ? 401 : "answered"}`).toBe(`${route.name} → answered`);
    }
  });

  it("refuses a D-ID route in D-ID's shape and the page's API in its own", async () => {
    const did = await rawRequest(keyed.port, "GET", "/talks/nosuch?/result/");
    expect(did.status).toBe(401);
    expect(JSON.parse(did.body)).toEqual({
      kind: "AuthorizationError",
      description: "Unauthorized: missing or wrong API key",
    });
    expect(did.headers["www-authenticate"]).toBe('Basic realm="aitwin"');
    const api = await rawRequest(keyed.port, "GET", "/%61pi/twins/default/memories");
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toEqual({ error: "missing or wrong API key" });
  });

  it("neither shows nor deletes a real talk behind `?/result/` (case 2 as reported)", async () => {
    const bearer = { authorization: `Bearer ${TEST_KEY}` };
    const form = new FormData();
    form.append("image", new Blob([readFileSync(ASTRONAUT_PHOTO)], { type: "image/png" }), "face.png");
    const base = `http://127.0.0.1:${keyed.port}`;
    const image = (await (
      await fetch(`${base}/images`, { method: "POST", headers: bearer, body: form })
    ).json()) as {
      url: string;
    };
    const created = await fetch(`${base}/talks`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: JSON.stringify({
        source_url: image.url,
        script: { type: "text", input: "A private script." },
        user_data: "secret-order",
        config: { size: 64, fps: 5 },
      }),
    });
    const { id } = (await created.json()) as { id: string };
    for (const method of ["GET", "DELETE"]) {
      const answer = await rawRequest(keyed.port, method, `/talks/${id}?/result/`);
      expect(`${method} ${answer.status}`).toBe(`${method} 401`);
      expect(answer.body).not.toContain("secret-order");
    }
    const still = await rawRequest(keyed.port, "GET", `/talks/${id}`, { headers: bearer });
    expect(JSON.parse(still.body)).toMatchObject({ id, user_data: "secret-order" });
  });

  it("serves a twin's photo only with the key, at /images as at /api/media", async () => {
    const mediaId = "ab".repeat(32);
    mkdirSync(keyed.app.config.mediaDir, { recursive: true });
    writeFileSync(join(keyed.app.config.mediaDir, `${mediaId}.jpg`), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    const bearer = { authorization: `Bearer ${TEST_KEY}` };
    for (const path of [`/images/${mediaId}.jpg`, `/api/media/${mediaId}`]) {
      expect(`${path} ${(await rawRequest(keyed.port, "GET", path)).status}`).toBe(`${path} 401`);
      const served = await rawRequest(keyed.port, "GET", path, { headers: bearer });
      expect(`${path} ${served.status}`).toBe(`${path} 200`);
    }
  });

  it("keeps the page's event stream working with the key in its query", async () => {
    const headers = { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" };
    const base = `http://127.0.0.1:${keyed.port}`;
    const created = await fetch(`${base}/api/twins/default/conversations`, {
      method: "POST",
      headers,
      body: "{}",
    });
    const conversation = (await created.json()) as { id: string };
    const events = await readEvents(
      `${base}/api/conversations/${conversation.id}/events?key=${encodeURIComponent(TEST_KEY)}`,
      (event) => event.event === "turn-end",
      {
        onOpen: async () => {
          const turn = await fetch(`${base}/api/conversations/${conversation.id}/turns`, {
            method: "POST",
            headers,
            body: JSON.stringify({ text: "Hello there" }),
          });
          expect(turn.status).toBe(202);
        },
      },
    );
    expect(events.map((event) => event.event)).toContain("sentence-complete");
  });
});
