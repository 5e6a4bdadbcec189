import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PersonaEngine } from "../brain/persona-engine.js";
import type { ChatModel, ChatRequest } from "../core/chat-model.js";
import { CancelledError } from "../core/errors.js";
import type { Part } from "../core/parts.js";
import type { Synthesizer } from "../core/synthesizer.js";
import type { TwinProfile } from "../core/twin.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import { ConversationEngine, type EngineEvent } from "./conversation-engine.js";

/** A synthesizer whose sound depends on the text, so two replies voiced alike are the same audio. */
const textSynthesizer = (): Synthesizer & { texts: string[] } => {
  const texts: string[] = [];
  return {
    provider: "text",
    modelId: "test",
    texts,
    voices: async () => [],
    async synthesize(request) {
      texts.push(request.text);
      const samples = Int16Array.from(request.text, (letter) => letter.charCodeAt(0) * 100);
      return {
        audio: { sampleRate: 16000, samples },
        timeline: { duration: samples.length / 16, words: [], visemes: [] },
      };
    },
  };
};

/** A brain that writes a long reply slowly and remembers whether it was cut off. */
function slowBrain(): ChatModel & { signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  return {
    provider: "slow",
    modelId: "test",
    signals,
    async *stream(request: ChatRequest) {
      if (request.signal) signals.push(request.signal);
      for (const word of "Well, that is a long story. It began in Porto.".split(" ")) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (request.signal?.aborted) throw new CancelledError();
        yield `${word} `;
      }
    },
  };
}

async function drain(parts: AsyncIterable<Part> | undefined): Promise<Part[]> {
  if (!parts) throw new Error("the early turn was gone");
  const result: Part[] = [];
  for await (const part of parts) result.push(part);
  return result;
}

/** Parts as comparable text: audio by its samples, everything else as JSON. */
const shape = (parts: Part[]) =>
  parts.map((part) =>
    part.type === "audio-chunk"
      ? `audio:${part.index}:${Array.from(part.audio.samples).join(",")}`
      : JSON.stringify(part),
  );

describe("an early turn (start early)", () => {
  let directory: string;
  let store: Store;
  let twin: TwinProfile;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), "aitwin-early-"));
    store = await openStore({ kind: "sqlite", path: join(directory, "db.sqlite") });
    twin = await store.twins.create({
      name: "Ada",
      persona: { facts: ["I grew up in Porto.", "I work as a ship's engineer."] },
    });
  });
  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const engineFor = async (brain: ChatModel, synthesizer?: Synthesizer) => {
    const conversationId = (await store.conversations.create(twin.id)).id;
    const engine = new ConversationEngine({
      twin,
      conversationId,
      brain,
      synthesizer,
      memories: store.memories,
      knowledge: store.knowledge,
      conversations: store.conversations,
    });
    const events: EngineEvent[] = [];
    engine.on((event) => events.push(event));
    return { engine, conversationId, events };
  };

  it("kept, is one turn with the very reply a plain send gives", async () => {
    const early = await engineFor(new PersonaEngine(), textSynthesizer());
    const plain = await engineFor(new PersonaEngine(), textSynthesizer());
    const question = "Where did you grow up?";

    const prepared = await early.engine.prepare(question);
    // The brain and the voice work while the person might still go on; nobody hears or sees it yet.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(early.events).toEqual([]);
    expect(await store.conversations.turns(early.conversationId)).toEqual([]);
    const handle = prepared.keep();
    expect(handle).toBeDefined();
    const earlyParts = await drain(handle?.parts);
    const plainParts = await drain((await plain.engine.send(question)).parts);

    expect(shape(earlyParts)).toEqual(shape(plainParts));
    expect(earlyParts.some((part) => part.type === "audio-chunk")).toBe(true);
    expect(earlyParts.at(-1)).toEqual({ type: "turn-end", reason: "complete" });
    const turns = await store.conversations.turns(early.conversationId);
    expect(turns.map((turn) => [turn.role, turn.status])).toEqual([
      ["user", "complete"],
      ["twin", "complete"],
    ]);
    expect(turns[1]?.text).toContain("Porto");
    expect(turns.map((turn) => turn.text)).toEqual(
      (await store.conversations.turns(plain.conversationId)).map((turn) => turn.text),
    );
    expect(early.events.map((event) => event.type)).toEqual(plain.events.map((event) => event.type));
    expect(prepared.keep()).toBeUndefined();
  });

  it("discarded, leaves no trace: no turn, no event, no state, and the brain is cut off", async () => {
    const brain = slowBrain();
    const synthesizer = textSynthesizer();
    const { engine, conversationId, events } = await engineFor(brain, synthesizer);
    const prepared = await engine.prepare("Tell me about");
    while (synthesizer.texts.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await prepared.discard();
    expect(brain.signals[0]?.aborted).toBe(true);
    expect(prepared.keep()).toBeUndefined();
    expect(events).toEqual([]);
    expect(engine.state).toBe("idle");
    expect(engine.busy).toBe(false);
    expect(await store.conversations.turns(conversationId)).toEqual([]);
  });

  it("does not carry out a memory command it may yet throw away", async () => {
    const { engine, conversationId } = await engineFor(new PersonaEngine());
    const first = await engine.prepare("Remember that my sister is called Ines");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.discard();
    expect(await store.memories.list(twin.id)).toEqual([]);

    const second = await engine.prepare("Remember that my sister is called Ines and she sings");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await store.memories.list(twin.id)).toEqual([]);
    await drain(second.keep()?.parts);
    expect((await store.memories.list(twin.id)).map((memory) => memory.text).join(" ")).toContain("sings");
    expect((await store.conversations.turns(conversationId)).map((turn) => turn.role)).toEqual([
      "user",
      "twin",
    ]);
  });

  it("is thrown away by another message or a barge-in, which then runs as usual", async () => {
    const brain = slowBrain();
    const { engine, conversationId } = await engineFor(brain);
    const prepared = await engine.prepare("Tell me");
    const sent = await engine.send("Tell me a story");
    expect(prepared.keep()).toBeUndefined();
    await drain(sent.parts);
    // Cut off before its brain began, or while it wrote.
    expect(brain.signals.length === 1 || brain.signals[0]?.aborted).toBe(true);
    const turns = await store.conversations.turns(conversationId);
    expect(turns.map((turn) => [turn.role, turn.text.split(" ")[0]])).toEqual([
      ["user", "Tell"],
      ["twin", "Well,"],
    ]);
    expect(turns[0]?.text).toBe("Tell me a story");

    const again = await engine.prepare("And then");
    await engine.interrupt();
    expect(again.keep()).toBeUndefined();
    expect(await store.conversations.turns(conversationId)).toHaveLength(2);
  });
});
