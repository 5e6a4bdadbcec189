import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PersonaEngine } from "../brain/persona-engine.js";
import type { ChatModel, ChatRequest } from "../core/chat-model.js";
import { BadInputError, CancelledError, ProviderError, StorageError } from "../core/errors.js";
import type { Part } from "../core/parts.js";
import type { SynthesisRequest, Synthesizer } from "../core/synthesizer.js";
import type { TwinProfile } from "../core/twin.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import { ConversationEngine, type EngineEvent } from "./conversation-engine.js";

/** A brain that writes the given deltas, waiting on `gates[i]` (when present, first call only) before delta i. */
function scriptedBrain(
  deltas: string[],
  gates: Record<number, Promise<void>> = {},
): ChatModel & { signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  return {
    provider: "scripted",
    modelId: "test",
    signals,
    async *stream(request: ChatRequest) {
      if (request.signal) signals.push(request.signal);
      const gated = signals.length === 1;
      for (const [index, delta] of deltas.entries()) {
        if (gated) await gates[index];
        if (request.signal?.aborted) throw new CancelledError();
        yield delta;
      }
    },
  };
}

/** A synthesizer that records what it was asked and, with `hangFirst`, holds its first call until its signal fires. */
function recordingSynthesizer(options: { hangFirst?: boolean } = {}) {
  const requests: SynthesisRequest[] = [];
  const synthesizer: Synthesizer = {
    provider: "recording",
    modelId: "test",
    voices: async () => [],
    async synthesize(request) {
      requests.push(request);
      if (options.hangFirst && requests.length === 1) {
        await new Promise((_, reject) =>
          request.signal?.addEventListener("abort", () => reject(new CancelledError())),
        );
      }
      const samples = new Int16Array(160).fill(1000);
      return {
        audio: { sampleRate: 16000, samples },
        timeline: { duration: 10, words: [], visemes: [{ viseme: "aa", start: 0, duration: 10 }] },
      };
    },
  };
  return { synthesizer, requests };
}

async function drain(parts: AsyncIterable<Part>): Promise<Part[]> {
  const result: Part[] = [];
  for await (const part of parts) result.push(part);
  return result;
}

describe("the conversation engine", () => {
  let directory: string;
  let store: Store;
  let twin: TwinProfile;
  let conversationId: string;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), "aitwin-engine-"));
    store = await openStore({ kind: "sqlite", path: join(directory, "db.sqlite") });
    twin = await store.twins.create({ name: "Ada", persona: { facts: ["I grew up in Porto."] } });
    conversationId = (await store.conversations.create(twin.id)).id;
  });
  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const engineWith = (brain: ChatModel, synthesizer?: Synthesizer) =>
    new ConversationEngine({
      twin,
      conversationId,
      brain,
      synthesizer,
      memories: store.memories,
      knowledge: store.knowledge,
      conversations: store.conversations,
    });

  it("voices the first sentence while the brain is still writing the next", async () => {
    let releaseSecond!: () => void;
    const second = new Promise<void>((resolve) => {
      releaseSecond = resolve;
    });
    const { synthesizer, requests } = recordingSynthesizer();
    const original = synthesizer.synthesize.bind(synthesizer);
    synthesizer.synthesize = async (request) => {
      const speech = await original(request);
      releaseSecond(); // the brain may only go on once the first sentence has been spoken
      return speech;
    };
    const engine = engineWith(
      scriptedBrain(["Hello there. ", "I am ", "Ada. ", "Bye"], { 1: second }),
      synthesizer,
    );
    const turn = await engine.send("hi");
    const parts = await drain(turn.parts);
    const kinds = parts.map((part) =>
      part.type === "text-delta" ? `text:${part.text}` : `${part.type}:${"index" in part ? part.index : ""}`,
    );
    expect(kinds.indexOf("audio-chunk:0")).toBeLessThan(kinds.indexOf("text:I am "));
    expect(requests.map((request) => request.text)).toEqual(["Hello there.", "I am Ada.", "Bye"]);
    const audio = parts.filter((part) => part.type === "audio-chunk").map((part) => part.index);
    expect(audio).toEqual([0, 1, 2]);
    expect(parts.at(-1)).toEqual({ type: "turn-end", reason: "complete" });
    expect(await turn.done).toEqual({ reason: "complete", text: "Hello there. I am Ada. Bye" });
  });

  it("cancels every stage on barge-in and records the cut-off reply as interrupted", async () => {
    const never = new Promise<void>(() => {});
    const brain = scriptedBrain(["Let me tell you a long story. ", "Once upon a time", " there was"], {
      2: never,
    });
    const { synthesizer, requests } = recordingSynthesizer({ hangFirst: true });
    const engine = engineWith(brain, synthesizer);
    const first = await engine.send("tell me a story");
    const seen: Part[] = [];
    const reading = (async () => {
      for await (const part of first.parts) seen.push(part);
    })();
    await vi_waitFor(() => requests.length === 1);
    const second = await engine.send("stop, what is your name?");
    await reading;
    expect(seen.at(-1)).toEqual({ type: "turn-end", reason: "interrupted" });
    expect(brain.signals[0]?.aborted).toBe(true);
    expect(requests[0]?.signal?.aborted).toBe(true);
    expect(await first.done).toMatchObject({ reason: "interrupted" });
    await drain(second.parts);
    const turns = await store.conversations.turns(conversationId);
    expect(turns.map((turn) => [turn.role, turn.status])).toEqual([
      ["user", "complete"],
      ["twin", "interrupted"],
      ["user", "complete"],
      ["twin", "complete"],
    ]);
    expect(turns[1]?.text).toBe("Let me tell you a long story. Once upon a time");
  });

  it("closes the stages on barge-in, even under a brain that ignores its signal: it is asked to stop", async () => {
    let pulled = 0;
    let closed = false;
    const stubborn: ChatModel = {
      provider: "stubborn",
      modelId: "test",
      async *stream() {
        try {
          for (let index = 0; index < 200; index++) {
            await new Promise((resolve) => setTimeout(resolve, 5));
            pulled++;
            yield `Sentence number ${index}. `;
          }
        } finally {
          closed = true;
        }
      },
    };
    const { synthesizer, requests } = recordingSynthesizer();
    const engine = engineWith(stubborn, synthesizer);
    const turn = await engine.send("talk to me");
    const reading = drain(turn.parts);
    await vi_waitFor(() => requests.length >= 2);
    await engine.interrupt();
    await reading;
    await vi_waitFor(() => closed);
    const pulledAtClose = pulled;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(true);
    expect(pulled).toBe(pulledAtClose);
    expect(pulled).toBeLessThan(200);
    expect(requests.length).toBeLessThan(200);
  });

  it("moves through the turn states and tells listeners", async () => {
    const engine = engineWith(new PersonaEngine());
    const events: EngineEvent[] = [];
    engine.on((event) => events.push(event));
    await engine.listen();
    engine.transcribing();
    const turn = await engine.send("Where did you grow up?");
    const parts = await drain(turn.parts);
    expect(parts.filter((part) => part.type === "sentence-complete")).toEqual([
      { type: "sentence-complete", index: 0, text: "I grew up in Porto." },
    ]);
    const states = events.flatMap((event) => (event.type === "state-change" ? [event.to] : []));
    expect(states).toEqual(["listening", "transcribing", "thinking", "speaking", "idle"]);
    expect(events.filter((event) => event.type === "turn-recorded").map((event) => event.role)).toEqual([
      "user",
      "twin",
    ]);
    expect(engine.state).toBe("idle");
  });

  it("gives the brain the conversation so far", async () => {
    const brain = scriptedBrain(["Okay."]);
    const requests: ChatRequest[] = [];
    const stream = brain.stream.bind(brain);
    brain.stream = (request) => {
      requests.push(request);
      return stream(request);
    };
    const engine = engineWith(brain);
    await drain((await engine.send("first")).parts);
    await drain((await engine.send("second")).parts);
    expect(requests[1]?.messages).toEqual([
      { role: "user", content: "first" },
      { role: "assistant", content: "Okay." },
      { role: "user", content: "second" },
    ]);
    expect(requests[1]?.system).toContain("You are Ada.");
  });

  it("ends a failed turn with an error, records it and stays usable", async () => {
    const broken: ChatModel = {
      provider: "broken",
      modelId: "test",
      // biome-ignore lint/correctness/useYield: a brain that fails before its first word
      async *stream() {
        throw new Error("model crashed");
      },
    };
    const engine = engineWith(broken);
    const turn = await engine.send("hello");
    await expect(drain(turn.parts)).rejects.toThrow("model crashed");
    await expect(turn.done).rejects.toThrow("model crashed");
    expect(engine.state).toBe("idle");
    const turns = await store.conversations.turns(conversationId);
    expect(turns.at(-1)).toMatchObject({ role: "twin", status: "error" });
  });

  it("ends the turn, back to idle, when recording the reply fails, and the next turn works", async () => {
    let failures = 1;
    const conversations = new Proxy(store.conversations, {
      get(target, key) {
        if (key === "addTurn") {
          return async (id: string, turn: { role: string; text: string }) => {
            if (turn.role === "twin" && failures-- > 0) throw new StorageError("disk full");
            return target.addTurn(id, turn as never);
          };
        }
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const engine = new ConversationEngine({
      twin,
      conversationId,
      brain: new PersonaEngine(),
      memories: store.memories,
      knowledge: store.knowledge,
      conversations,
    });
    const failed = await engine.send("Where did you grow up?");
    const parts: Part[] = [];
    await expect(
      (async () => {
        for await (const part of failed.parts) parts.push(part);
      })(),
    ).rejects.toThrow("disk full");
    await expect(failed.done).rejects.toBeInstanceOf(StorageError);
    expect(parts.at(-1)).toEqual({ type: "turn-end", reason: "error" });
    expect(engine.state).toBe("idle");
    const next = await engine.send("Where did you grow up?");
    await drain(next.parts);
    expect(await next.done).toEqual({ reason: "complete", text: "I grew up in Porto." });
  });

  it("takes two sends at once one after the other: the first is cut off, the second answered", async () => {
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const engine = engineWith(scriptedBrain(["Hello ", "there."], { 1: gate }));
    const [first, second] = await Promise.all([engine.send("one"), engine.send("two")]);
    open();
    expect((await first.done).reason).toBe("interrupted");
    expect(await second.done).toEqual({ reason: "complete", text: "Hello there." });
    const turns = await store.conversations.turns(conversationId);
    // The first reply is cut off wherever it was (before or after its first word): only its status is certain.
    expect(turns.map((turn) => [turn.role, turn.status])).toEqual([
      ["user", "complete"],
      ["twin", "interrupted"],
      ["user", "complete"],
      ["twin", "complete"],
    ]);
    expect(turns.map((turn) => turn.text).filter((_, index) => index % 2 === 0)).toEqual(["one", "two"]);
    expect(turns.at(-1)?.text).toBe("Hello there.");
  });

  it("skips a sentence the voice cannot say, with a notice, and speaks the rest", async () => {
    const { synthesizer, requests } = recordingSynthesizer();
    const flaky: Synthesizer = {
      ...synthesizer,
      async synthesize(request) {
        if (request.text.startsWith("Second")) {
          requests.push(request);
          throw new ProviderError("test-voice", "the voice broke on this one");
        }
        return synthesizer.synthesize(request);
      },
    };
    const engine = engineWith(scriptedBrain(["First one. ", "Second one. ", "Third one."]), flaky);
    const turn = await engine.send("talk to me");
    const parts = await drain(turn.parts);
    expect(await turn.done).toEqual({ reason: "complete", text: "First one. Second one. Third one." });
    expect(parts.filter((part) => part.type === "audio-chunk").map((part) => part.index)).toEqual([0, 2]);
    expect(parts.find((part) => part.type === "speech-failed")).toMatchObject({
      index: 1,
      text: "Second one.",
      message: expect.stringContaining("the voice broke on this one"),
    });
    expect(requests.map((request) => request.text)).toEqual(["First one.", "Second one.", "Third one."]);
  });

  it("refuses empty and over-long messages without recording them", async () => {
    const engine = engineWith(new PersonaEngine());
    await expect(engine.send("   ")).rejects.toBeInstanceOf(BadInputError);
    await expect(engine.send("x".repeat(4001))).rejects.toThrow(/limit is 4000/);
    expect(await store.conversations.turns(conversationId)).toEqual([]);
  });
});

async function vi_waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
