import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, openApp } from "../../app/app.js";
import { parseConfig } from "../../config.js";
import { findPocketsphinx } from "../../providers/pocketsphinx/pocketsphinx-install.js";
import { encodeWav } from "../../voice/wav.js";
import { buildServer } from "../app-server.js";

const hasRecognizer = findPocketsphinx().found;

describe("POST /api/transcriptions", () => {
  let dataDir: string;
  let app: App;
  let server: FastifyInstance;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "aitwin-transcriptions-"));
    app = await openApp(parseConfig({ AITWIN_DATA_DIR: dataDir }));
    server = await buildServer(app);
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (payload: Uint8Array | string, contentType = "audio/wav") =>
    server.inject({
      method: "POST",
      url: "/api/transcriptions",
      headers: { "content-type": contentType },
      payload: typeof payload === "string" ? payload : Buffer.from(payload),
    });

  it.skipIf(!hasRecognizer)(
    "recognises speech made by the synthesiser (needs Debian pocketsphinx)",
    async () => {
      expect((await server.inject({ url: "/api/transcriptions" })).json()).toEqual({
        available: true,
        provider: "pocketsphinx",
      });
      const synthesizer = await app.synthesizer();
      if (!synthesizer) throw new Error("the embedded synthesiser is missing");
      const { audio } = await synthesizer.synthesize({ text: "What is your name?" });
      const response = await post(encodeWav(audio));
      expect(response.statusCode).toBe(200);
      expect(response.json().text.toLowerCase()).toContain("name");
    },
  );

  it.skipIf(!hasRecognizer)("refuses uploads that are not audio, empty or too large", async () => {
    const pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n";
    expect((await post(pdf, "audio/webm")).json()).toEqual({
      error: "the upload is not audio (expected WebM, Ogg, WAV, MP3, FLAC or MP4)",
    });
    expect((await post(new Uint8Array(0))).statusCode).toBe(400);
    const corrupt = new Uint8Array(2000);
    corrupt.set(new TextEncoder().encode("RIFF\0\0\0\0WAVEjunk"));
    const refused = await post(corrupt);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatch(/^not audio that can be decoded|^the audio is empty/);
    expect((await post(new Uint8Array(9 * 1024 * 1024), "audio/ogg")).statusCode).toBe(413);
    expect((await post(JSON.stringify({ text: "hi" }), "application/json")).statusCode).toBe(400);
    expect((await server.inject({ url: "/healthz" })).statusCode).toBe(200);
  });
});

describe("POST /api/transcriptions without a speech-to-text provider", () => {
  it("says so with a 404 the page can show", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "aitwin-transcriptions-none-"));
    const app = await openApp(parseConfig({ AITWIN_DATA_DIR: dataDir }));
    const server = await buildServer(app);
    const path = process.env.PATH;
    // No recogniser on PATH and no model in the fresh data dir: nothing can serve the stage.
    process.env.PATH = dataDir;
    try {
      expect((await server.inject({ url: "/api/transcriptions" })).json()).toEqual({
        available: false,
        provider: null,
      });
      const response = await server.inject({
        method: "POST",
        url: "/api/transcriptions",
        headers: { "content-type": "audio/wav" },
        payload: Buffer.from("RIFF\0\0\0\0WAVE"),
      });
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toBe("no speech-to-text provider is available on this server");
    } finally {
      process.env.PATH = path;
      await server.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
