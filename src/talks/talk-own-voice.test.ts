import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, openApp } from "../app/app.js";
import { decodeAudio } from "../audio-input/decode-audio.js";
import { ASTRONAUT_PHOTO } from "../avatar/node/test-support/fixtures.js";
import { parseConfig } from "../config.js";
import { eventually } from "../jobs/test-support/waiting.js";
import {
  type FakeElevenLabs,
  startFakeElevenLabs,
} from "../providers/elevenlabs/test-support/fake-elevenlabs.js";
import { buildServer } from "../server/app-server.js";
import { measureVoice } from "../voice/voice-measures.js";

/** Talks through the D-ID-compatible API, spoken with a twin's own voice: tuned locally, or ElevenLabs'. */
describe("talks in your own voice", { timeout: 120_000 }, () => {
  let dataDir: string;
  let app: App;
  let server: FastifyInstance;
  let base: string;
  let fake: FakeElevenLabs;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "aitwin-talk-voice-"));
    fake = await startFakeElevenLabs();
    app = await openApp(
      parseConfig({
        AITWIN_DATA_DIR: dataDir,
        ELEVENLABS_API_KEY: fake.key,
        ELEVENLABS_BASE_URL: fake.baseURL,
      }),
    );
    server = await buildServer(app);
    await server.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await server.close();
    await app.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const talk = async (script: Record<string, unknown>) => {
    const form = new FormData();
    form.append("image", new Blob([readFileSync(ASTRONAUT_PHOTO)], { type: "image/png" }), "face.png");
    const image = (await (await fetch(`${base}/images`, { method: "POST", body: form })).json()) as {
      url: string;
    };
    const created = await fetch(`${base}/talks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ source_url: image.url, script, config: { size: 128, fps: 10 } }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    return eventually("the talk", async () => {
      const found = (await (await fetch(`${base}/talks/${id}`)).json()) as Record<string, unknown>;
      return found.status === "done" || found.status === "error" ? found : undefined;
    });
  };
  const pitchOf = async (resultUrl: string) => {
    const path = join(dataDir, `${Date.now()}.mp4`);
    writeFileSync(path, Buffer.from(await (await fetch(resultUrl)).arrayBuffer()));
    return measureVoice(await decodeAudio(path)).measures.pitchMean;
  };

  it("speaks a page's talk with the twin's tuned voice, at its pitch", async () => {
    const tuned = "awb,pitch=160,spread=12,stretch=1.00";
    const done = await talk({
      type: "text",
      input: "The North Wind and the Sun were disputing which was the stronger.",
      provider: { type: "aitwin", voice_id: tuned },
    });
    expect(done).toMatchObject({ status: "done", voice: { spoke: `flite:${tuned}` } });
    expect(Math.abs((await pitchOf(done.result_url as string)) / 160 - 1)).toBeLessThan(0.1);
  });

  it("says an SSML script's words with its prosody's pitch", async () => {
    const done = await talk({
      type: "text",
      ssml: true,
      input:
        '<speak><prosody pitch="x-low">The North Wind and the Sun were disputing which was the stronger.</prosody></speak>',
      provider: { type: "amazon", voice_id: "Joanna" },
    });
    expect(done).toMatchObject({
      status: "done",
      voice: { spoke: "flite:slt,pitch=134,spread=8,stretch=1.00" },
    });
    expect(Math.abs((await pitchOf(done.result_url as string)) / 134 - 1)).toBeLessThan(0.1);
  });

  it("voices an elevenlabs script.provider by ElevenLabs when it is configured", async () => {
    const done = await talk({
      type: "text",
      input: "Hello from the cloud.",
      provider: { type: "elevenlabs", voice_id: "21m00Tcm4TlvDq8ikWAM" },
    });
    expect(done).toMatchObject({ status: "done", voice: { spoke: "elevenlabs:21m00Tcm4TlvDq8ikWAM" } });
    const spoken = fake.requests.filter((request) => request.path.startsWith("/v1/text-to-speech/"));
    expect(spoken.at(-1)?.json).toMatchObject({ text: "Hello from the cloud." });
  });
});
