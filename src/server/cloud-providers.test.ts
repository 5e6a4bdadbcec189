import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { type App, openApp } from "../app/app.js";
import { parseConfig } from "../config.js";
import { createDidRenderer } from "../providers/d-id/did-renderer.js";
import { DidWebhooks } from "../providers/d-id/did-webhooks.js";
import {
  DID_KEY,
  endlessPause,
  PHOTO,
  PHOTO_ID,
  renderRequest,
} from "../providers/d-id/test-support/did-test-fixtures.js";
import { startFakeDid } from "../providers/d-id/test-support/fake-did.js";
import { startFakeOpenAi } from "../providers/openai/test-support/fake-openai.js";
import { buildServer, type ServerOptions } from "./app-server.js";
import { readEvents } from "./test-support/sse-client.js";

describe("the web app on cloud providers", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function serve(
    env: Record<string, string>,
    options: ServerOptions = {},
  ): Promise<{ app: App; server: FastifyInstance; base: string }> {
    const dataDir = mkdtempSync(join(tmpdir(), "aitwin-cloud-"));
    const app = await openApp(parseConfig({ AITWIN_DATA_DIR: dataDir, ...env }));
    const server = await buildServer(app, options);
    await server.listen({ port: 0, host: "127.0.0.1" });
    cleanups.push(
      () => rmSync(dataDir, { recursive: true, force: true }),
      () => app.close(),
      () => server.close(),
    );
    return { app, server, base: `http://127.0.0.1:${(server.server.address() as { port: number }).port}` };
  }

  it("holds a conversation through OpenAI chat and speech, configured by environment alone", async () => {
    const openai = await startFakeOpenAi({
      apiKey: "sk-test-abc",
      reply: () => "Hello from the cloud. I am Sam.",
    });
    cleanups.push(() => openai.close());
    const { base } = await serve({ OPENAI_API_KEY: "sk-test-abc", OPENAI_BASE_URL: openai.baseURL });
    const conversation = (await (
      await fetch(`${base}/api/twins/default/conversations`, { method: "POST" })
    ).json()) as {
      id: string;
    };
    const events = await readEvents(
      `${base}/api/conversations/${conversation.id}/events`,
      (event) => event.event === "turn-end",
      {
        onOpen: async () => {
          await fetch(`${base}/api/conversations/${conversation.id}/turns`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ text: "Who are you?" }),
          });
        },
      },
    );
    const text = events
      .filter((event) => event.event === "text-delta")
      .map((event) => (event.data as { text: string }).text)
      .join("");
    expect(text).toBe("Hello from the cloud. I am Sam.");
    expect(events.filter((event) => event.event === "audio-chunk")).toHaveLength(2);
    const chat = openai.requests.find((request) => request.path === "/chat/completions");
    expect(chat?.headers.authorization).toBe("Bearer sk-test-abc");
    const messages = chat?.json?.messages as { role: string; content: string }[];
    expect(messages[0]?.content).toMatch(/^You are Sam\./);
    expect(messages.at(-1)).toEqual({ role: "user", content: "Who are you?" });
    const speech = openai.requests.filter((request) => request.path === "/audio/speech");
    expect(speech.map((request) => request.json?.input)).toEqual(["Hello from the cloud.", "I am Sam."]);
  });

  it("receives D-ID's webhook on its own route, checks the token, and finishes the talk", async () => {
    const did = await startFakeDid({ apiKey: DID_KEY, lifecycle: "manual" });
    cleanups.push(() => did.close());
    // One registry, given to the server that serves it and to the renderer whose talks wait there.
    const webhooks = new DidWebhooks();
    const { app, base } = await serve({}, { didWebhooks: webhooks });
    mkdirSync(app.config.mediaDir, { recursive: true });
    writeFileSync(join(app.config.mediaDir, `${PHOTO_ID}.jpg`), PHOTO);
    const renderer = createDidRenderer({
      apiKey: DID_KEY,
      baseURL: did.baseURL,
      publicUrl: base,
      mediaDir: app.config.mediaDir,
      webhooks,
      // No polling: only the webhook can finish this talk.
      polling: { sleep: endlessPause },
    });
    const output = join(app.config.mediaDir, "talk.mp4");
    const rendering = renderer.render(renderRequest(), output);
    while (did.talks.size === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const [talk] = [...did.talks.values()];
    if (!talk?.webhook) throw new Error("the talk asked for no webhook");
    expect(talk.webhook.startsWith(`${base}/webhooks/d-id/`)).toBe(true);
    const forged = await did.sendWebhook(talk.id, talk.webhook.replace(/token=[^&]+/, "token=wrong"));
    expect(forged.status).toBe(401);
    await did.advance(talk.id);
    await did.advance(talk.id);
    expect(did.deliveries.at(-1)?.status).toBe(200);
    const video = await rendering;
    expect(video.path).toBe(output);
    expect(existsSync(output)).toBe(true);
  });
});
