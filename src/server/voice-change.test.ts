import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, openApp } from "../app/app.js";
import { parseConfig } from "../config.js";
import type { Synthesizer } from "../core/synthesizer.js";
import { encodeWav } from "../voice/wav.js";
import { buildServer } from "./app-server.js";
import { channelOf } from "./conversation-sessions.js";
import { EventHub } from "./event-hub.js";

interface Said {
  text: string;
  wav: string;
}

/**
 * A voice changed during a conversation (issue 14's untested behaviours): the turn in flight ends in the voice it
 * began with, the next turn of the same conversation speaks in the new one, sentence for sentence what the voice
 * itself says.
 */
describe("a voice changed during a conversation", { timeout: 60_000 }, () => {
  let dataDir: string;
  let app: App;
  let server: FastifyInstance;
  const hub = new EventHub();
  let synthesizer: Synthesizer;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "aitwin-voice-change-"));
    app = await openApp(parseConfig({ AITWIN_DATA_DIR: dataDir }));
    server = await buildServer(app, { hub, speechThread: true });
    const selected = await app.synthesizer();
    if (!selected) throw new Error("no voice");
    synthesizer = selected;
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What each turn said, sentence by sentence, as the page hears it. */
  const listen = (conversationId: string) => {
    const turns = new Map<string, { sentences: Map<number, Said>; ended: boolean }>();
    hub.subscribe(channelOf(conversationId), (event) => {
      const data = JSON.parse(event.json) as { turn?: string; index?: number; text?: string; wav?: string };
      if (!data.turn) return;
      const turn = turns.get(data.turn) ?? { sentences: new Map(), ended: false };
      turns.set(data.turn, turn);
      const sentence = turn.sentences.get(data.index ?? -1) ?? { text: "", wav: "" };
      if (event.event === "sentence-complete") sentence.text = data.text ?? "";
      if (event.event === "audio-chunk") sentence.wav = data.wav ?? "";
      if (data.index !== undefined) turn.sentences.set(data.index, sentence);
      if (event.event === "turn-end") turn.ended = true;
    });
    return turns;
  };

  const ended = async (turns: ReturnType<typeof listen>, turn: string) => {
    const started = Date.now();
    while (!turns.get(turn)?.ended) {
      if (Date.now() - started > 30_000) throw new Error(`turn ${turn} did not end`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return [...(turns.get(turn)?.sentences.values() ?? [])];
  };

  const inVoice = async (sentences: Said[], voice: string) => {
    expect(sentences.length).toBeGreaterThan(0);
    for (const { text, wav } of sentences) {
      const spoken = await synthesizer.synthesize({ text, voice });
      expect(wav, `"${text}" in ${voice}`).toBe(Buffer.from(encodeWav(spoken.audio)).toString("base64"));
    }
  };

  it("ends the turn in flight in the old voice and speaks the next in the new one", async () => {
    const [before, after] = (await synthesizer.voices()).map((each) => each.id);
    if (!before || !after) throw new Error("need two voices");
    const setVoice = async (id: string) => {
      const changed = await server.inject({
        method: "PATCH",
        url: "/api/twins/default",
        payload: { voice: { id } },
      });
      expect(changed.statusCode).toBe(200);
    };
    await setVoice(before);
    const conversation = await app.store.conversations.create((await app.twin()).id);
    const turns = listen(conversation.id);
    const send = async (text: string) => {
      const sent = await server.inject({
        method: "POST",
        url: `/api/conversations/${conversation.id}/turns`,
        payload: { text },
      });
      expect(sent.statusCode).toBe(202);
      return (sent.json() as { turn: string }).turn;
    };

    const first = await send("Tell me about yourself.");
    await setVoice(after);
    await inVoice(await ended(turns, first), before);
    const second = await send("Tell me about yourself.");
    await inVoice(await ended(turns, second), after);
  });
});
