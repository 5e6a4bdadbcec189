import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import { type App, openApp } from "../../app/app.js";
import { parseConfig } from "../../config.js";
import type { Synthesizer } from "../../core/synthesizer.js";
import { encodeWav } from "../../voice/wav.js";
import { buildServer } from "../app-server.js";

/**
 * With the speech thread (`aitwin serve`), the lines the server says outside a turn (the greeting and voice previews
 * of `/speech`, the interview's spoken questions) are voiced on that thread too: the same audio as in-process,
 * while the app's own synthesizer on the event loop is never asked.
 */
describe("the speech and interview routes on the speech thread", { timeout: 60_000 }, () => {
  let dataDir: string;
  let app: App;
  let server: FastifyInstance;
  let inner: Synthesizer;
  let here: MockInstance<Synthesizer["synthesize"]>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "aitwin-threaded-speech-"));
    app = await openApp(parseConfig({ AITWIN_DATA_DIR: dataDir }));
    const synthesizer = await app.synthesizer();
    if (synthesizer?.provider !== "flite") throw new Error("the embedded voice is not the app's");
    inner = synthesizer;
    here = vi.spyOn(inner, "synthesize");
    server = await buildServer(app, { speechThread: true });
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = async (url: string, payload: unknown) => {
    const response = await server.inject({ method: "POST", url, payload: payload as object });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  /** What the app's synthesizer says in this thread, as the routes send it. */
  const inProcess = async (text: string, voice?: string) => {
    const twin = await app.store.twins.require("default");
    here.mockClear();
    const spoken = await inner.synthesize({ text, voice: voice ?? twin.voice.id, rate: twin.voice.rate });
    return { wav: Buffer.from(encodeWav(spoken.audio)).toString("base64"), timeline: spoken.timeline };
  };

  it("says a line and a voice preview with the same audio, off the event loop", async () => {
    const { voices } = (await server.inject({ url: "/api/voices" })).json() as { voices: { id: string }[] };
    const other = voices.at(-1)?.id;
    const said = await post("/api/twins/default/speech", { text: "Hi, I'm Sam." });
    const previewed = await post("/api/twins/default/speech", { text: "Hi, I'm Sam.", voice: other });
    expect(here).not.toHaveBeenCalled();
    expect(said.speech).toEqual(await inProcess("Hi, I'm Sam."));
    expect(previewed.speech).toEqual(await inProcess("Hi, I'm Sam.", other));
    expect(previewed.speech.wav).not.toBe(said.speech.wav);
  });

  it("speaks the interview's questions with the same audio, off the event loop", async () => {
    here.mockClear();
    const started = await post("/api/twins/default/interview", { speak: true });
    const next = await post("/api/twins/default/interview/answers", {
      answer: "I'm Ana",
      state: started.state,
      speak: true,
    });
    expect(here).not.toHaveBeenCalled();
    expect(started.speech).toEqual(await inProcess(started.question));
    expect(next.question).toMatch(/\?$/);
    expect(next.speech).toEqual(await inProcess(next.question));
  });
});
