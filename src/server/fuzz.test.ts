import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registeredRoutes } from "./route-access.js";
import {
  type KeyedServer,
  type RawAnswer,
  rawRequest,
  startKeyedServer,
  TEST_KEY,
} from "./test-support/keyed-server.js";
import { leaksIn } from "./test-support/leaks.js";

/** Each property runs until this much time has passed (or its runs are done): a bounded fuzz, part of `npm test`. */
const BUDGET_MS = 2500;
const options = { numRuns: 100_000, interruptAfterTimeLimit: BUDGET_MS, markInterruptAsFailure: false };
const bearer = { authorization: `Bearer ${TEST_KEY}` };

/** Pieces the router, the id patterns and the decoders have opinions about. */
const segment = fc.oneof(
  fc.constantFrom("api", "talks", "images", "audios", "twins", "default", "conversations", "media", "events"),
  fc.constantFrom(
    "result",
    "photo",
    "memories",
    "knowledge",
    "interview",
    "transcriptions",
    "streams",
    "healthz",
  ),
  fc.constantFrom("..", ".", "%2e%2e", "%2F", "%00", "%ff", "%E0%A4%A", "%", "a".repeat(120), "nosuch", ""),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
/** A segment with some of its characters percent-encoded, as `/%61pi/` for `/api/`: the router decodes them. */
function disguise(text: string, flags: boolean[]): string {
  return [...text]
    .map((char, index) =>
      flags[index] && /[A-Za-z0-9.]/.test(char) ? `%${char.charCodeAt(0).toString(16)}` : char,
    )
    .join("");
}

const method = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

/** A request line: the server's own routes with parameters filled, or random paths; segments maybe disguised. */
const requestFrom = (routes: { method: string; url: string }[]) =>
  fc
    .tuple(
      fc.oneof(
        fc.tuple(method, fc.array(segment, { minLength: 1, maxLength: 6 })),
        fc.tuple(fc.constantFrom(...routes), segment).map(
          ([route, value]) =>
            [
              route.method,
              route.url
                .split("/")
                .slice(1)
                .map((part) => (part.startsWith(":") ? value : part)),
            ] as const,
        ),
      ),
      fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      fc.array(fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }), { minLength: 6, maxLength: 6 }),
      fc.option(fc.oneof(fc.constantFrom("/result/", "key=x", "%6Bey=x"), fc.string({ maxLength: 20 }))),
    )
    .map(([[verb, parts], which, flags, query]) => {
      const path = parts.map((part, index) => (which[index] ? disguise(part, flags[index] ?? []) : part));
      const search = query === null ? "" : `?${query.replace(/[^\x21-\x7e]/g, encodeURIComponent)}`;
      return { verb, url: `/${path.join("/")}${search}` };
    });

/** The public routes' paths, decoded as the router decodes them (docs/security.md has the list and the reasons). */
function isPublicPath(url: string): boolean {
  let path = url.split("?")[0] ?? "";
  try {
    path = decodeURIComponent(path);
  } catch {
    return false;
  }
  return /^\/(|healthz|index\.html|app\.js|app\.js\.map|app\.css|pcm-capture\.js|webhooks\/d-id\/[^/]+|talks\/[^/]+\/result\/[^/]+)$/.test(
    path,
  );
}

describe("fuzzing the server (issue 12: no response ≥ 500, nothing leaked)", () => {
  let keyed: KeyedServer;
  let writes: { method: string; path: string }[];
  let routes: { method: string; url: string }[];
  const problems: string[] = [];
  const check = (what: string, answer: RawAnswer) => {
    if (answer.status === 0 || answer.status >= 500)
      problems.push(`${what} → ${answer.status} ${answer.body}`);
    // Refusals and errors are where internals slip out; successes carry the owner's own data or the page's code.
    if (answer.status >= 400)
      for (const leak of leaksIn(answer.body, keyed.dataDir)) problems.push(`${what} leaked ${leak}`);
  };

  beforeAll(async () => {
    keyed = await startKeyedServer({}, { talks: { inProcessWorker: false } });
    const conversation = await rawRequest(keyed.port, "POST", "/api/twins/default/conversations", {
      headers: { ...bearer, "content-type": "application/json" },
      body: "{}",
    });
    const conversationId = (JSON.parse(conversation.body) as { id: string }).id;
    routes = [...registeredRoutes(keyed.server)];
    // Every route that takes a body, with ids that exist where one is at hand.
    writes = registeredRoutes(keyed.server)
      .filter((route) => ["POST", "PUT", "PATCH"].includes(route.method))
      .map((route) => ({
        method: route.method,
        path: route.url
          .replace("/api/twins/:id", "/api/twins/default")
          .replace("/api/conversations/:id", `/api/conversations/${conversationId}`)
          .replace(/:[^/]+/g, "nosuch"),
      }));
  });
  afterAll(async () => keyed?.close());

  beforeEach(() => {
    problems.length = 0;
  });

  it("answers any URL, with or without the key, below 500", async () => {
    await fc.assert(
      fc.asyncProperty(requestFrom(routes), fc.boolean(), async ({ verb, url }, withKey) => {
        const answer = await rawRequest(keyed.port, verb, url, { headers: withKey ? bearer : {} });
        check(`${verb} ${url}`, answer);
        // Without the key only the public routes may answer with success; anything else is refused before it runs.
        if (!withKey && answer.status < 400 && !isPublicPath(url)) {
          problems.push(`${verb} ${url} answered ${answer.status} without the key`);
        }
      }),
      options,
    );
    expect(problems).toEqual([]);
  });

  it("answers any JSON body on any route below 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.jsonValue(), async (index, value) => {
        const route = writes[index % writes.length];
        if (!route) return;
        const answer = await rawRequest(keyed.port, route.method, route.path, {
          headers: { ...bearer, "content-type": "application/json" },
          body: JSON.stringify(value),
        });
        check(`${route.method} ${route.path} ${JSON.stringify(value).slice(0, 100)}`, answer);
      }),
      options,
    );
    expect(problems).toEqual([]);
  });

  it("answers any multipart upload below 500, however malformed", async () => {
    const magic = fc.constantFrom(
      "",
      "RIFF\x24\x00\x00\x00WAVEfmt ",
      "\x89PNG\r\n\x1a\n",
      "\xff\xd8\xff",
      "OggS",
      "%PDF-1.4",
      "PK\x03\x04",
    );
    const upload = fc.record({
      field: fc.oneof(fc.constantFrom("image", "audio", "photo", "file"), fc.string({ maxLength: 8 })),
      boundary: fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/),
      content: fc.tuple(magic, fc.uint8Array({ maxLength: 2048 })),
      cut: fc.option(fc.nat()),
      declared: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.nat(), upload, async (index, { field, boundary, content, cut, declared }) => {
        const route = writes[index % writes.length];
        if (!route) return;
        const whole = Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="x"\r\n\r\n`,
          ),
          Buffer.from(content[0], "latin1"),
          Buffer.from(content[1]),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        const body = cut === null ? whole : whole.subarray(0, cut % (whole.length + 1));
        const answer = await rawRequest(keyed.port, route.method, route.path, {
          headers: {
            ...bearer,
            "content-type": declared ? `multipart/form-data; boundary=${boundary}` : "multipart/form-data",
          },
          body,
        });
        check(`${route.method} ${route.path} multipart (${field}, ${body.length} bytes)`, answer);
      }),
      options,
    );
    expect(problems).toEqual([]);
  });
});
