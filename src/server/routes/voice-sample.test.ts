import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, openApp } from "../../app/app.js";
import { parseConfig } from "../../config.js";
import { espeakSample, generatedSound, sampleFolder } from "../../voice/test-support/voice-samples.js";
import { measureVoice } from "../../voice/voice-measures.js";
import { decodeWav } from "../../voice/wav.js";
import { buildServer } from "../app-server.js";

describe("POST /api/twins/:id/voice/sample", { timeout: 120_000 }, () => {
  let dataDir: string;
  let samples: string;
  let app: App;
  let server: FastifyInstance;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "aitwin-voice-sample-"));
    samples = await sampleFolder();
    app = await openApp(parseConfig({ AITWIN_DATA_DIR: dataDir }));
    server = await buildServer(app);
  });
  afterAll(async () => {
    await server.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(samples, { recursive: true, force: true });
  });

  const upload = async (twin: string, body: Buffer | string, contentType = "audio/wav") => {
    const response = await server.inject({
      method: "POST",
      url: `/api/twins/${twin}/voice/sample`,
      payload: body,
      headers: { "content-type": contentType },
    });
    return { status: response.statusCode, body: response.json() };
  };

  it("tunes the twin's voice to the sample and keeps it: the twin then speaks near the sample's pitch", async () => {
    const path = await espeakSample(samples, "espeakFemale");
    const tuned = await upload("default", readFileSync(path));
    expect(tuned.status).toBe(200);
    expect(tuned.body.voice).toMatch(/^slt,pitch=\d+,spread=\d+,stretch=\d\.\d\d(,tilt=-?0\.\d\d)?$/);
    expect(tuned.body.twin.voice).toEqual({ id: tuned.body.voice });
    expect(tuned.body.sample.pitchMean).toBeGreaterThan(180);

    const twin = (await server.inject({ url: "/api/twins/default" })).json();
    expect(twin.voice.id).toBe(tuned.body.voice);
    const said = await server.inject({
      method: "POST",
      url: "/api/twins/default/speech",
      payload: { text: "Then the Sun shone out warmly, and immediately the traveller took off his cloak." },
    });
    const clip = decodeWav(Buffer.from(said.json().speech.wav, "base64"));
    const pitch = measureVoice(clip).measures.pitchMean;
    expect(Math.abs(pitch / tuned.body.sample.pitchMean - 1)).toBeLessThan(0.1);
  });

  it("refuses what is not a sample of a voice with a 400 that says why", async () => {
    const silence = await generatedSound(samples, "silence", "anullsrc=r=16000:cl=mono", 20);
    const refused = await upload("default", readFileSync(silence));
    expect(refused).toEqual({
      status: 400,
      body: { error: "voice sample: it is silent (no sound was recorded)" },
    });
    const text = await upload("default", Buffer.from("not a recording"), "application/octet-stream");
    expect(text.status).toBe(400);
    expect(text.body.error).toMatch(/^voice sample: not audio that can be decoded/);
    const empty = await upload("default", Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const json = await server.inject({
      method: "POST",
      url: "/api/twins/default/voice/sample",
      payload: { sample: "x" },
    });
    expect(json.statusCode).toBe(400);
    expect((await upload("nobody", Buffer.from("RIFF"))).status).toBe(404);
    const clone = await server.inject({
      method: "POST",
      url: "/api/twins/default/voice/sample?clone=elevenlabs",
      payload: readFileSync(silence),
      headers: { "content-type": "audio/wav" },
    });
    expect(clone.json()).toEqual({
      error: "cloning a voice needs ElevenLabs: this server has no ELEVENLABS_API_KEY",
    });
    expect(clone.statusCode).toBe(400);
  });
});
