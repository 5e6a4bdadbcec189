import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, openApp } from "../../app/app.js";
import { resampleClip } from "../../audio-input/decode-audio.js";
import { samplesToPcm } from "../../audio-input/pcm.js";
import { parseConfig } from "../../config.js";
import { STREAM_SAMPLE_RATE } from "../../core/transcriber.js";
import { findPocketsphinx } from "../../providers/pocketsphinx/pocketsphinx-install.js";
import { PocketsphinxTranscriber } from "../../providers/pocketsphinx/pocketsphinx-transcriber.js";
import { buildServer } from "../app-server.js";

const recognizer = findPocketsphinx();
const CHUNK_SAMPLES = STREAM_SAMPLE_RATE / 4; // 250 ms, as the page sends them

describe.skipIf(!recognizer.found)(
  `speech streamed while spoken (${recognizer.found ? "pocketsphinx" : recognizer.reason})`,
  () => {
    let dataDir: string;
    let app: App;
    let server: FastifyInstance;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), "aitwin-stt-streams-"));
      app = await openApp(parseConfig({ AITWIN_DATA_DIR: dataDir }));
      server = await buildServer(app);
    });
    afterAll(async () => {
      await server?.close();
      await app?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const open = async () => {
      const response = await server.inject({ method: "POST", url: "/api/transcriptions/streams" });
      expect(response.statusCode).toBe(201);
      return response.json() as { id: string; sampleRate: number; provider: string };
    };
    const send = (id: string, chunk: number, samples: Int16Array | Buffer) =>
      server.inject({
        method: "POST",
        url: `/api/transcriptions/streams/${id}/audio?chunk=${chunk}`,
        headers: { "content-type": "audio/l16" },
        payload: Buffer.isBuffer(samples) ? samples : Buffer.from(samplesToPcm(samples)),
      });
    const speech = async (text: string) => {
      const synthesizer = await app.synthesizer();
      if (!synthesizer) throw new Error("the embedded synthesiser is missing");
      const { audio } = await synthesizer.synthesize({ text });
      const clip = await resampleClip(audio, STREAM_SAMPLE_RATE);
      // Followed by the quiet the page waits for before it decides the person has finished.
      const samples = new Int16Array(clip.samples.length + STREAM_SAMPLE_RATE * 0.8);
      samples.set(clip.samples);
      return samples;
    };

    it("loads a recogniser ahead when asked, before any stream is opened", async () => {
      const transcriber = await app.transcriber();
      if (!(transcriber instanceof PocketsphinxTranscriber))
        throw new Error("expected the embedded recogniser");
      // No stream has ended on this server, so nothing else would load one.
      expect(transcriber.spareReady).toBe(false);
      const response = await server.inject({ method: "POST", url: "/api/transcriptions/streams/prepare" });
      expect(response.statusCode).toBe(202);
      expect(response.json()).toEqual({ provider: "pocketsphinx" });
      let ready = false;
      for (let tries = 0; tries < 100 && !ready; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        ready = transcriber.spareReady;
      }
      expect(ready).toBe(true);
    });

    it("recognises a question sent in chunks as it is spoken, and forgets the stream after", async () => {
      const stream = await open();
      expect(stream).toMatchObject({ sampleRate: 16000, provider: "pocketsphinx" });
      const samples = await speech("What is your favourite food, and where do you live?");
      let chunk = 0;
      for (let offset = 0; offset < samples.length; offset += CHUNK_SAMPLES) {
        const response = await send(stream.id, chunk++, samples.subarray(offset, offset + CHUNK_SAMPLES));
        expect(response.statusCode).toBe(204);
      }
      const end = await server.inject({
        method: "POST",
        url: `/api/transcriptions/streams/${stream.id}/end`,
      });
      expect(end.statusCode).toBe(200);
      const { text, durationMs } = end.json() as { text: string; durationMs: number };
      expect(text.toLowerCase()).toMatch(/food/);
      expect(text.toLowerCase()).toMatch(/live/);
      expect(durationMs).toBe(Math.round((samples.length / STREAM_SAMPLE_RATE) * 1000));
      const again = await server.inject({
        method: "POST",
        url: `/api/transcriptions/streams/${stream.id}/end`,
      });
      expect(again.statusCode).toBe(404);
    });

    it("tells the words of each phrase once the speaker pauses, before the stream ends", async () => {
      const stream = await open();
      const words = async () => {
        const response = await server.inject({
          method: "GET",
          url: `/api/transcriptions/streams/${stream.id}/words`,
        });
        expect(response.statusCode).toBe(200);
        return (response.json() as { text: string }).text;
      };
      expect(await words()).toBe("");
      // "speech" adds 0.8 s of quiet after the phrase: a pause the recogniser closes the phrase at.
      const samples = await speech("I grew up in a small town by the sea, and");
      let chunk = 0;
      for (let offset = 0; offset < samples.length; offset += CHUNK_SAMPLES) {
        await send(stream.id, chunk++, samples.subarray(offset, offset + CHUNK_SAMPLES));
      }
      let heard = "";
      for (let tries = 0; tries < 100 && !heard; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        heard = await words();
      }
      expect(heard).toMatch(/town|sea|small/);
      const end = await server.inject({
        method: "POST",
        url: `/api/transcriptions/streams/${stream.id}/end`,
      });
      expect((end.json() as { text: string }).text).toContain(heard);
      expect(
        (await server.inject({ method: "GET", url: `/api/transcriptions/streams/${stream.id}/words` }))
          .statusCode,
      ).toBe(404);
    });

    it("holds a request for newer words until the recogniser tells them, and answers a held one when the stream ends", async () => {
      const stream = await open();
      const url = `/api/transcriptions/streams/${stream.id}/words`;
      const first = (await server.inject({ method: "GET", url })).json() as {
        version: number;
        live: boolean;
      };
      expect(first).toMatchObject({ text: "", live: true, version: 0 });
      // Asked before any speech: held, so it comes back with the phrase's words, not with the same empty answer.
      const asked = performance.now();
      const held = server.inject({ method: "GET", url: `${url}?since=0&wait=5000` });
      const samples = await speech("I grew up in a small town by the sea, and");
      let chunk = 0;
      for (let offset = 0; offset < samples.length; offset += CHUNK_SAMPLES) {
        await send(stream.id, chunk++, samples.subarray(offset, offset + CHUNK_SAMPLES));
      }
      const answer = (await held).json() as {
        text: string;
        version: number;
        lastWordConfidence: number;
        sentenceConfidence: number;
      };
      expect(answer.text).toMatch(/town|sea|small/);
      // How sure the recogniser is of the last word and of all of them, for the turn-end rules.
      for (const confidence of [answer.lastWordConfidence, answer.sentenceConfidence]) {
        expect(confidence).toBeGreaterThanOrEqual(0);
        expect(confidence).toBeLessThanOrEqual(1);
      }
      expect(answer.version).toBeGreaterThanOrEqual(1);
      expect(performance.now() - asked).toBeLessThan(5000);
      // Already newer than the version given: at once. Up to date: held until the stream ends.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const now = (await server.inject({ method: "GET", url: `${url}?since=0` })).json() as {
        version: number;
      };
      expect(now.version).toBeGreaterThanOrEqual(answer.version);
      const waiting = server.inject({ method: "GET", url: `${url}?since=${now.version}&wait=5000` });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const ended = performance.now();
      await server.inject({ method: "DELETE", url: `/api/transcriptions/streams/${stream.id}` });
      expect((await waiting).statusCode).toBe(200);
      expect(performance.now() - ended).toBeLessThan(1000);
      expect((await server.inject({ method: "GET", url: `${url}?wait=99999` })).statusCode).toBe(400);
    });

    it("refuses chunks out of order, odd bytes, unknown streams and one stream too many; drops on DELETE", async () => {
      const stream = await open();
      const quiet = new Int16Array(CHUNK_SAMPLES);
      expect((await send(stream.id, 0, quiet)).statusCode).toBe(204);
      const replay = await send(stream.id, 0, quiet);
      expect(replay.statusCode).toBe(409);
      expect(replay.json().error).toBe("expected audio chunk 1 of this stream, got 0");
      expect((await send(stream.id, 1, Buffer.alloc(3))).json()).toEqual({
        error: "16-bit samples come in whole pairs of bytes",
      });
      expect((await send("stt_000000000000000000000000", 0, quiet)).statusCode).toBe(404);
      expect((await send("not-a-stream", 0, quiet)).statusCode).toBe(400);

      const others = [await open(), await open(), await open()];
      const busy = await server.inject({ method: "POST", url: "/api/transcriptions/streams" });
      expect(busy.statusCode).toBe(429);
      expect(busy.json().error).toMatch(/speech streams are open already/);
      for (const each of [stream, ...others]) {
        const dropped = await server.inject({
          method: "DELETE",
          url: `/api/transcriptions/streams/${each.id}`,
        });
        expect(dropped.statusCode).toBe(204);
      }
      expect((await send(stream.id, 1, quiet)).statusCode).toBe(404);
      expect((await open()).id).toMatch(/^stt_/);
    });
  },
);
