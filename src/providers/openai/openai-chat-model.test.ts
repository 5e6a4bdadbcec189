import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSystemPrompt } from "../../brain/prompt-builder.js";
import { memoriesOf, testTwin } from "../../brain/test-twin.js";
import type { ChatRequest } from "../../core/chat-model.js";
import { CancelledError, ConfigError, ProviderError } from "../../core/errors.js";
import { createOpenAiChatModel, type OpenAiChatOptions } from "./openai-chat-model.js";
import { type FakeOpenAi, startFakeOpenAi } from "./test-support/fake-openai.js";

const KEY = "sk-test-chat-0123456789abcdef";

function request(question: string, signal?: AbortSignal): ChatRequest {
  const twin = testTwin();
  const memories = memoriesOf(twin.id, "my sister lives in Berlin");
  return {
    twin,
    memories,
    messages: [{ role: "user", content: question }],
    passages: [],
    system: buildSystemPrompt(twin, memories, question),
    signal,
  };
}

async function failure(stream: AsyncIterable<string>): Promise<Error> {
  try {
    await collect(stream);
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const pieces: string[] = [];
  for await (const piece of stream) pieces.push(piece);
  return pieces;
}

describe("OpenAI chat model", () => {
  let fake: FakeOpenAi;
  let delays: number[];
  const model = (options: OpenAiChatOptions = {}) =>
    createOpenAiChatModel({
      apiKey: KEY,
      baseURL: fake.baseURL,
      sleep: async (ms) => {
        delays.push(ms);
      },
      ...options,
    });

  beforeEach(async () => {
    fake = await startFakeOpenAi({ apiKey: KEY });
    delays = [];
  });
  afterEach(() => fake.close());

  it("streams the reply in pieces, sending the persona prompt with memories, the model and the key", async () => {
    const pieces = await collect(model().stream(request("Where does my sister live?")));
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join("")).toBe("I'm Ada. You said: Where does my sister live?");
    const [received] = fake.requests;
    expect(received?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(received?.json).toMatchObject({ model: "gpt-4o-mini", stream: true });
    const messages = received?.json?.messages as { role: string; content: string }[];
    expect(messages[0]?.role).toBe("system");
    expect(messages[0]?.content).toMatch(/^You are Ada\./);
    expect(messages[0]?.content).toContain("- My sister lives in Berlin.");
    expect(messages[0]?.content).toContain("I have a cat called Turing.");
    expect(messages.slice(1)).toEqual([{ role: "user", content: "Where does my sister live?" }]);
  });

  it("uses the configured model, and a keyless local server (Ollama) gets no Authorization header", async () => {
    const local = await startFakeOpenAi({ models: ["llama3.2"] });
    try {
      const brain = createOpenAiChatModel({ baseURL: local.baseURL, model: "llama3.2" });
      expect(brain.modelId).toBe("llama3.2");
      expect((await collect(brain.stream(request("hi")))).join("")).toBe("I'm Ada. You said: hi");
      expect(local.requests[0]?.json?.model).toBe("llama3.2");
      expect(local.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await local.close();
    }
  });

  it("waits as Retry-After says after a 429, then succeeds", async () => {
    fake.failNext("/chat/completions", { status: 429, headers: { "retry-after": "7" } });
    const reply = (await collect(model().stream(request("hi")))).join("");
    expect(reply).toBe("I'm Ada. You said: hi");
    expect(delays).toEqual([7000]);
    expect(fake.requests.map((each) => each.path)).toEqual(["/chat/completions", "/chat/completions"]);
  });

  it("gives up after three 500s with a clear, retryable error", async () => {
    fake.failNext("/chat/completions", { status: 500 }, { status: 500 }, { status: 500 });
    const error = await collect(model().stream(request("hi"))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(true);
    expect((error as Error).message).toBe(
      "openai: chat completion with model gpt-4o-mini failed with 500 after 3 attempts: The server had an error while processing your request. Sorry about that!",
    );
    expect(fake.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBeGreaterThan(delays[0] ?? Number.POSITIVE_INFINITY);
  });

  it("names the variable to fix for a refused key or an unknown model, without retrying", async () => {
    const refused = await failure(model({ apiKey: "sk-wrong-key-0000000000" }).stream(request("hi")));
    expect(refused).toBeInstanceOf(ConfigError);
    expect(refused.message).toMatch(/failed with 401; the API key was refused: check OPENAI_API_KEY$/);
    const unknown = await failure(model({ model: "gpt-9" }).stream(request("hi")));
    expect(unknown).toBeInstanceOf(ConfigError);
    expect(unknown.message).toMatch(
      /failed with 404; check AITWIN_LLM_MODEL: The model `gpt-9` does not exist/,
    );
    expect(fake.requests).toHaveLength(2);
  });

  it("fails at use, not at creation, when OpenAI itself has no key", async () => {
    const brain = createOpenAiChatModel({ apiKey: () => undefined });
    const error = await failure(brain.stream(request("hi")));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain("OPENAI_API_KEY is not set");
  });

  it("stops when the turn is cancelled mid-stream", async () => {
    const controller = new AbortController();
    const pieces: string[] = [];
    const error = await (async () => {
      for await (const piece of model().stream(request("tell me a long story", controller.signal))) {
        pieces.push(piece);
        controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CancelledError);
    expect(pieces).toHaveLength(1);
  });
});
