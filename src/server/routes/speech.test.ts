import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, openApp } from "../../app/app.js";
import { parseConfig } from "../../config.js";
import { decodeWav } from "../../voice/wav.js";
import { buildServer } from "../app-server.js";

describe("POST /api/twins/:id/speech", { timeout: 30_000 }, () => {
  let dataDir: string;
  let app: App;
  let server: FastifyInstance;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "aitwin-speech-"));
    app = await openApp(parseConfig({ AITWIN_DATA_DIR: dataDir }));
    server = await buildServer(app);
  });
  afterAll(async () => {
    await server.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = async (url: string, payload: unknown) => {
    const response = await server.inject({ method: "POST", url, payload: payload as object });
    return { status: response.statusCode, body: response.json() };
  };

  it("says a line in the twin's voice, or in a voice to preview, without recording a turn", async () => {
    const said = await post("/api/twins/default/speech", { text: "Hi, I'm Sam." });
    expect(said.status).toBe(200);
    const clip = decodeWav(Buffer.from(said.body.speech.wav, "base64"));
    expect(clip.samples.length / clip.sampleRate).toBeGreaterThan(0.4);
    expect(said.body.speech.timeline.words.map((word: { text: string }) => word.text)).toContain("Sam");
    const { voices } = (await server.inject({ url: "/api/voices" })).json() as { voices: { id: string }[] };
    const other = voices.at(-1)?.id;
    const previewed = await post("/api/twins/default/speech", { text: "Hi, I'm Sam.", voice: other });
    expect(previewed.status).toBe(200);
    expect(previewed.body.speech.wav).not.toBe(said.body.speech.wav);
    const conversations = (await server.inject({ url: "/api/twins/default/conversations" })).json();
    expect(JSON.stringify(conversations)).not.toContain("I'm Sam");
  });

  it("refuses an empty or over-long line, an unknown voice and an unknown twin", async () => {
    expect((await post("/api/twins/default/speech", { text: " " })).status).toBe(400);
    expect((await post("/api/twins/default/speech", { text: "a".repeat(401) })).status).toBe(400);
    expect((await post("/api/twins/default/speech", { text: "Hi", voice: "nosuch" })).status).toBe(400);
    expect((await post("/api/twins/nosuch/speech", { text: "Hi" })).status).toBe(404);
  });
});
