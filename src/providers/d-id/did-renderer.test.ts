import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { closeServer } from "../openai/test-support/fake-openai.js";
import { createDidRenderer, type DidRendererOptions } from "./did-renderer.js";
import { DidWebhooks } from "./did-webhooks.js";
import {
  DID_KEY,
  endlessPause,
  freePort,
  PHOTO_ID,
  PHOTO as photo,
  renderRequest,
} from "./test-support/did-test-fixtures.js";
import { type FakeDid, type FakeDidOptions, startFakeDid } from "./test-support/fake-did.js";
import { fakeMp4 } from "./test-support/fake-mp4.js";
import { webhookRequestHandler } from "./webhook-listener.js";

describe("D-ID renderer", () => {
  let fake: FakeDid;
  let dir: string;
  let pauses: number[];
  const start = async (options: Partial<FakeDidOptions> = {}) => {
    fake = await startFakeDid({ apiKey: DID_KEY, ...options });
  };
  const renderer = (options: DidRendererOptions = {}) =>
    createDidRenderer({
      apiKey: DID_KEY,
      baseURL: fake.baseURL,
      mediaDir: dir,
      webhooks: new DidWebhooks(),
      sleep: async (ms) => {
        pauses.push(ms);
      },
      polling: {
        sleep: async (ms) => {
          pauses.push(ms);
        },
      },
      ...options,
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "aitwin-did-"));
    writeFileSync(join(dir, `${PHOTO_ID}.jpg`), photo);
    pauses = [];
  });
  let cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups) await cleanup();
    cleanups = [];
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("uploads the photo once, creates a talk with the text and voice, polls it to done and stores the MP4", async () => {
    await start();
    const progress: number[] = [];
    const output = join(dir, "out", "talk.mp4");
    const video = await renderer().render(renderRequest({ onProgress: (f) => progress.push(f) }), output);
    expect(video).toEqual({ path: output, durationMs: 2400, width: 512, height: 512 });
    expect(readFileSync(output)).toEqual(fakeMp4(512, 512));
    expect(progress).toEqual([0.1, 0.5, 1]);
    const [image] = [...fake.images.values()];
    expect(Buffer.from(image ?? [])).toEqual(photo);
    const [talk] = [...fake.talks.values()];
    expect(talk).toMatchObject({
      source_url: expect.stringMatching(/^s3:\/\/d-id-images-prod\/fake-user\/img_/),
      script: {
        type: "text",
        input: "Hello, I am your twin.",
        provider: { type: "microsoft", voice_id: "en-US-JennyNeural" },
      },
      config: { stitch: true },
    });
    expect(talk?.webhook).toBeUndefined();
    expect(fake.requests.every((each) => each.headers.authorization === `Basic ${DID_KEY}`)).toBe(true);
    // The pre-signed storage URL never sees the key.
    expect(fake.downloads).toHaveLength(1);
    expect(fake.downloads[0]?.headers.authorization).toBeUndefined();
    expect(pauses.slice(0, 2)).toEqual([1000, 1500]);
  });

  it("gives D-ID a twin's ElevenLabs voice as its elevenlabs provider", async () => {
    await start();
    await renderer().render(renderRequest({ voice: "elevenlabs:clone1x4000" }), join(dir, "own.mp4"));
    await renderer().render(renderRequest({ voice: "slt" }), join(dir, "stock.mp4"));
    const [own, stock] = [...fake.talks.values()];
    expect(own?.script).toMatchObject({ provider: { type: "elevenlabs", voice_id: "clone1x4000" } });
    expect(stock?.script).toMatchObject({ provider: { type: "microsoft", voice_id: "en-US-JennyNeural" } });
  });

  it("reuses an uploaded photo and speaks with the configured voice", async () => {
    await start();
    const elevenlabs = renderer({ voice: { type: "elevenlabs", voice_id: "21m00Tcm4TlvDq8ikWAM" } });
    await elevenlabs.render(renderRequest(), join(dir, "1.mp4"));
    await elevenlabs.render(renderRequest({ text: "Again." }), join(dir, "2.mp4"));
    expect(fake.requests.filter((each) => each.path === "/images")).toHaveLength(1);
    const voices = [...fake.talks.values()].map((each) => each.script.provider);
    expect(voices).toEqual([
      { type: "elevenlabs", voice_id: "21m00Tcm4TlvDq8ikWAM" },
      { type: "elevenlabs", voice_id: "21m00Tcm4TlvDq8ikWAM" },
    ]);
  });

  it("finishes by webhook: a wrong token gets 401 and changes nothing; a replay changes nothing", async () => {
    await start({ lifecycle: "manual" });
    // Our server, with the webhook route mounted as the web server will mount it.
    const webhooks = new DidWebhooks();
    webhooks.mounted = true;
    const ours = createServer(webhookRequestHandler(webhooks));
    await new Promise<void>((resolve) => ours.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => closeServer(ours));
    const publicUrl = `http://127.0.0.1:${(ours.address() as AddressInfo).port}`;
    const rendering = renderer({
      publicUrl,
      webhooks,
      listen: false,
      polling: { sleep: endlessPause },
    }).render(renderRequest(), join(dir, "talk.mp4"));
    let finished = false;
    void rendering.then(() => {
      finished = true;
    });
    const talk = await vi.waitFor(() => {
      const [created] = [...fake.talks.values()];
      if (!created) throw new Error("no talk yet");
      return created;
    });
    const webhook = new URL(talk.webhook ?? "");
    expect(webhook.origin).toBe(publicUrl);
    expect(webhook.pathname).toMatch(/^\/webhooks\/d-id\/[0-9a-f-]{36}$/);
    const token = webhook.searchParams.get("token") ?? "";
    expect(token.length).toBeGreaterThanOrEqual(32);

    await fake.advance(talk.id);
    const forged = new URL(webhook);
    // Change the last character to a different one (a random token may already end in any given letter).
    forged.searchParams.set("token", `${token.slice(0, -1)}${token.endsWith("x") ? "y" : "x"}`);
    expect(await fake.sendWebhook(talk.id, forged.toString())).toMatchObject({ status: 401 });
    const withoutToken = `${webhook.origin}${webhook.pathname}`;
    expect(await fake.sendWebhook(talk.id, withoutToken)).toMatchObject({ status: 401 });
    const gets = () => fake.requests.filter((each) => each.path === `/talks/${talk.id}`).length;
    expect(gets()).toBe(0);
    expect(finished).toBe(false);

    await fake.advance(talk.id); // done: the fake calls the webhook
    expect(fake.deliveries.at(-1)).toMatchObject({ status: 200, answer: { status: "done" } });
    const video = await rendering;
    expect(video.width).toBe(512);
    expect(gets()).toBe(1); // the confirmation: D-ID signs nothing, so its word is taken only from GET
    expect(await fake.sendWebhook(talk.id)).toMatchObject({
      status: 200,
      answer: { status: "already-handled" },
    });
    expect(gets()).toBe(1);
    expect(fake.downloads).toHaveLength(1);
  });

  it("finishes by polling when D-ID never calls back", async () => {
    await start({ callWebhooks: false });
    const video = await renderer({ publicUrl: "https://twin.example.org", listen: false }).render(
      renderRequest(),
      join(dir, "talk.mp4"),
    );
    expect(video.durationMs).toBe(2400);
    const [talk] = [...fake.talks.values()];
    expect(talk?.webhook).toMatch(/^https:\/\/twin\.example\.org\/webhooks\/d-id\/.+\?token=.+$/);
    expect(fake.deliveries).toHaveLength(0);
    // Polling is the safety net here, so it starts slow.
    expect(pauses.slice(0, 2)).toEqual([10_000, 20_000]);
  });

  it("listens for the webhook itself when no server has mounted it, and only while the talk is out", async () => {
    await start({ lifecycle: "manual" });
    const port = await freePort();
    const rendering = renderer({
      publicUrl: `http://127.0.0.1:${port}/`,
      listen: { host: "127.0.0.1", port },
      polling: { sleep: endlessPause },
    }).render(renderRequest(), join(dir, "talk.mp4"));
    const talk = await vi.waitFor(() => {
      const [created] = [...fake.talks.values()];
      if (!created) throw new Error("no talk yet");
      return created;
    });
    expect(talk.webhook).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/webhooks/d-id/`));
    await fake.advance(talk.id);
    await fake.advance(talk.id);
    expect(fake.deliveries).toMatchObject([{ status: 200, answer: { status: "done" } }]);
    await rendering;
    // Stopped with the last talk: a late replay finds no one to change anything.
    await expect(fake.sendWebhook(talk.id)).rejects.toThrow();
  });
});
