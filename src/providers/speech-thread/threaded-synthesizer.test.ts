import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openApp } from "../../app/app.js";
import { parseConfig } from "../../config.js";
import { CancelledError } from "../../core/errors.js";
import { buildServer } from "../../server/app-server.js";
import { channelOf } from "../../server/conversation-sessions.js";
import { EventHub } from "../../server/event-hub.js";
import { createFliteSynthesizer } from "../flite/flite-synthesizer.js";
import { ThreadedSynthesizer } from "./threaded-synthesizer.js";

const directory = mkdtempSync(join(tmpdir(), "aitwin-speech-thread-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("the embedded voice on a thread", () => {
  it("says exactly what flite says in this thread, sentence after sentence, in order", async () => {
    const inner = createFliteSynthesizer();
    const threaded = new ThreadedSynthesizer(inner);
    try {
      const sentences = ["Hello there.", "I grew up in Porto, by the sea.", "What about you?"];
      const [off, here] = await Promise.all([
        Promise.all(sentences.map((text) => threaded.synthesize({ text, voice: "rms" }))),
        Promise.all(sentences.map((text) => inner.synthesize({ text, voice: "rms" }))),
      ]);
      for (const [index, speech] of off.entries()) {
        expect(speech.audio.sampleRate).toBe(here[index]?.audio.sampleRate);
        expect(speech.audio.samples).toEqual(here[index]?.audio.samples);
        expect(speech.timeline).toEqual(here[index]?.timeline);
      }
      expect(await threaded.voices()).toEqual(await inner.voices());
    } finally {
      await threaded.close();
    }
  });

  it("answers a cancelled request at once, and a bad voice with the same error as flite", async () => {
    const threaded = new ThreadedSynthesizer(createFliteSynthesizer());
    try {
      const controller = new AbortController();
      const pending = threaded.synthesize({
        text: "A long sentence that we will not wait for.",
        signal: controller.signal,
      });
      controller.abort();
      await expect(pending).rejects.toBeInstanceOf(CancelledError);
      const failure = (attempt: Promise<unknown>) =>
        attempt.then(
          () => new Error("it spoke with an unknown voice"),
          (error: Error) => error,
        );
      const here = await failure(createFliteSynthesizer().synthesize({ text: "Hi.", voice: "nobody" }));
      const there = await failure(threaded.synthesize({ text: "Hi.", voice: "nobody" }));
      expect(there).toBeInstanceOf(here.constructor);
      expect(there.message).toBe(here.message);
      // Still usable after both.
      expect((await threaded.synthesize({ text: "Still here." })).audio.samples.length).toBeGreaterThan(0);
    } finally {
      await threaded.close();
    }
  });

  it("voices the server's live turns when the server asks for it", async () => {
    const app = await openApp(parseConfig({ AITWIN_DATA_DIR: join(directory, "server") }));
    const hub = new EventHub();
    const server = await buildServer(app, { hub, speechThread: true });
    try {
      const twin = await app.twin();
      const conversation = await app.store.conversations.create(twin.id);
      const events: string[] = [];
      hub.subscribe(channelOf(conversation.id), (event) => events.push(event.event));
      const sent = await server.inject({
        method: "POST",
        url: `/api/conversations/${conversation.id}/turns`,
        payload: { text: "Hello!" },
      });
      expect(sent.statusCode).toBe(202);
      const started = Date.now();
      while (!events.includes("turn-end") && Date.now() - started < 20_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(events).toContain("audio-chunk");
      expect(events).not.toContain("speech-failed");
      expect(events.at(-1)).toBe("turn-end");
    } finally {
      await server.close();
      await app.close();
    }
  });
});
