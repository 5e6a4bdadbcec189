import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../config.js";
import { BadInputError, ConfigError, ProviderError } from "../../core/errors.js";
import { didCandidate } from "./did-candidate.js";
import { createDidRenderer, type DidRendererOptions } from "./did-renderer.js";
import { DidWebhooks } from "./did-webhooks.js";
import { DID_KEY, PHOTO_ID, renderRequest } from "./test-support/did-test-fixtures.js";
import { type FakeDid, type FakeDidOptions, startFakeDid } from "./test-support/fake-did.js";

describe("D-ID failures", () => {
  let fake: FakeDid;
  let dir: string;
  let pauses: number[];
  const start = async (options: Partial<FakeDidOptions> = {}) => {
    fake = await startFakeDid({ apiKey: DID_KEY, ...options });
  };
  const record = async (ms: number) => {
    pauses.push(ms);
  };
  const render = (options: DidRendererOptions = {}) =>
    createDidRenderer({
      apiKey: DID_KEY,
      baseURL: fake.baseURL,
      mediaDir: dir,
      webhooks: new DidWebhooks(),
      sleep: record,
      polling: { sleep: record },
      ...options,
    }).render(renderRequest(), join(dir, "talk.mp4"));
  const failure = (options?: DidRendererOptions) =>
    render(options).then(
      () => {
        throw new Error("expected a failure");
      },
      (error: Error) => error,
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "aitwin-did-"));
    writeFileSync(join(dir, `${PHOTO_ID}.jpg`), "not really a jpeg");
    pauses = [];
  });
  afterEach(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("names DID_API_KEY for a refused key, and never shows the key", async () => {
    await start();
    const error = await failure({ apiKey: "bm9wZQ:wrong-secret-key" });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      "d-id: image upload failed with 401; the API key was refused: check DID_API_KEY",
    );
    expect(`${error.message}${error.stack}`).not.toContain("wrong-secret-key");
  });

  it("maps 402 (no credits), 451 (moderation) and a rejected or failed talk", async () => {
    await start();
    fake.failNext("POST /talks", {
      status: 402,
      body: { kind: "InsufficientCreditsError", description: "not enough credits" },
    });
    const broke = await failure();
    expect(broke).toBeInstanceOf(ProviderError);
    expect(broke.message).toMatch(/creating a talk failed with 402: the D-ID account has no credits left/);
    fake.failNext("POST /talks", {
      status: 451,
      body: { kind: "ModerationError", description: "content is not allowed" },
    });
    const moderated = await failure();
    expect(moderated).toBeInstanceOf(BadInputError);
    expect(moderated.message).toBe(
      "d-id refused the content (moderation) (ModerationError: content is not allowed)",
    );
    fake.settings.outcome = "rejected";
    expect(await failure()).toBeInstanceOf(BadInputError);
    fake.settings.outcome = "error";
    const failed = await failure();
    expect(failed).toBeInstanceOf(ProviderError);
    expect(failed.message).toMatch(/^d-id: talk tlk_\S+ failed: InternalServerError: Internal Server Error$/);
    expect(fake.downloads).toHaveLength(0);
  });

  it("retries a 429 as told, then succeeds; gives up after three 500s with a clear error", async () => {
    await start();
    fake.failNext("POST /images", {
      status: 429,
      body: { kind: "TooManyRequestsError", description: "slow down" },
    });
    await render();
    expect(fake.requests.filter((each) => each.path === "/images")).toHaveLength(2);
    fake.failNext("GET /talks/:id", { status: 500 }, { status: 500 }, { status: 500 });
    const error = await failure();
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(true);
    expect(error.message).toMatch(
      /^d-id: GET \/talks\/tlk_\S+ failed with 500 \(InternalServerError: Internal Server Error\)$/,
    );
  });

  it("refuses an illustrated face and empty text before calling D-ID", async () => {
    await start();
    const renderer = createDidRenderer({ apiKey: DID_KEY, baseURL: fake.baseURL, mediaDir: dir });
    const illustrated = renderRequest({ face: { kind: "illustrated", look: "classic" } });
    await expect(renderer.render(illustrated, join(dir, "x.mp4"))).rejects.toThrow(/animates photos/);
    await expect(renderer.render(renderRequest({ text: " " }), join(dir, "x.mp4"))).rejects.toThrow(
      BadInputError,
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe("D-ID candidate", () => {
  it("is available only with DID_API_KEY, and says how talks will finish", async () => {
    const base = { AITWIN_DATA_DIR: "/tmp/x" };
    expect(await didCandidate.check(parseConfig(base))).toEqual({
      available: false,
      reason: "DID_API_KEY is not set",
    });
    const polling = await didCandidate.check(parseConfig({ ...base, DID_API_KEY: DID_KEY }));
    expect(polling.reason).toBe(
      "DID_API_KEY is set (https://api.d-id.com); completion by polling (PUBLIC_URL is not set)",
    );
    const pushed = await didCandidate.check(
      parseConfig({ ...base, DID_API_KEY: DID_KEY, PUBLIC_URL: "https://x.example" }),
    );
    expect(pushed.reason).toMatch(/completion by webhooks to PUBLIC_URL$/);
  });

  it("probes with GET /credits", async () => {
    const fake = await startFakeDid({ apiKey: DID_KEY });
    try {
      const config = parseConfig({
        AITWIN_DATA_DIR: "/tmp/x",
        DID_API_KEY: DID_KEY,
        DID_BASE_URL: fake.baseURL,
      });
      expect(await didCandidate.probe?.(config)).toEqual({
        available: true,
        reason: "D-ID answered GET /credits (17 credits left)",
      });
      expect(
        fake.requests.map((each) => `${each.method} ${each.path} ${each.headers.authorization}`),
      ).toEqual([`GET /credits Basic ${DID_KEY}`]);
    } finally {
      await fake.close();
    }
  });
});
