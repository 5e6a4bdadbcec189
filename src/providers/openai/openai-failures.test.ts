import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../config.js";
import { ProviderError } from "../../core/errors.js";
import { openAiChatCandidate, openAiSpeechCandidate } from "./openai-candidates.js";
import { createOpenAiChatModel } from "./openai-chat-model.js";
import { createOpenAiSynthesizer } from "./openai-synthesizer.js";
import { createOpenAiTranscriber } from "./openai-transcriber.js";
import { closeServer, type FakeOpenAi, startFakeOpenAi } from "./test-support/fake-openai.js";

const KEY = "sk-proj-SECRETsecret0123456789";
const noWait = async () => {};
const question = {
  twin: { id: "t", name: "T" } as never,
  memories: [],
  messages: [{ role: "user" as const, content: "hi" }],
  passages: [],
  system: "You are T.",
};

async function failure(work: () => Promise<unknown>): Promise<Error> {
  try {
    await work();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

/** Every message in the cause chain, and the stack, where a key could hide. */
function everything(error: Error): string {
  let text = "";
  for (let each: unknown = error; each instanceof Error; each = each.cause)
    text += `${each.message}\n${each.stack}\n`;
  return text;
}

describe("OpenAI failures never carry the key", () => {
  let fake: FakeOpenAi;
  beforeEach(async () => {
    fake = await startFakeOpenAi({ apiKey: "sk-proj-the-right-one-0000" });
  });
  afterEach(() => fake.close());

  it("keeps the key out of 401, 429, 500, model and network errors", async () => {
    const options = { apiKey: KEY, baseURL: fake.baseURL, sleep: noWait };
    const chat = createOpenAiChatModel(options);
    const drain = async () => {
      for await (const _ of chat.stream(question));
    };
    const errors = [await failure(drain)];
    for (const status of [429, 500, 503]) {
      fake.failNext("/chat/completions", { status }, { status }, { status });
      errors.push(await failure(drain));
    }
    errors.push(await failure(() => createOpenAiSynthesizer(options).synthesize({ text: "hi" })));
    errors.push(
      await failure(() => createOpenAiTranscriber(options).transcribe({ data: new Uint8Array([1]) })),
    );
    const unreachable = createOpenAiChatModel({ ...options, baseURL: "http://127.0.0.1:9/v1" });
    errors.push(
      await failure(async () => {
        for await (const _ of unreachable.stream(question));
      }),
    );
    expect(errors[0]?.message).toContain("OPENAI_API_KEY");
    expect(errors.at(-1)?.message).toMatch(
      /could not reach http:\/\/127\.0\.0\.1:9\/v1.*check OPENAI_BASE_URL/,
    );
    for (const error of errors) {
      expect(everything(error)).not.toContain(KEY);
      // OpenAI echoes a masked key ("sk-pr****6789"); even that stays out.
      expect(everything(error)).not.toMatch(/sk-pr\**/);
    }
  });

  it("times out a server that never answers, and says so", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const chat = createOpenAiChatModel({
        apiKey: KEY,
        baseURL: `http://127.0.0.1:${port}/v1`,
        timeoutMs: 50,
        maxRetries: 1,
        sleep: noWait,
      });
      const error = await failure(async () => {
        for await (const _ of chat.stream(question));
      });
      expect(error).toBeInstanceOf(ProviderError);
      expect(error.message).toBe(
        "openai: chat completion with model gpt-4o-mini timed out; check OPENAI_BASE_URL",
      );
    } finally {
      await closeServer(silent);
    }
  });
});

describe("OpenAI candidates", () => {
  it("are honest offline: available with a key, or a keyless local server for the brain only", async () => {
    const none = parseConfig({ AITWIN_DATA_DIR: "/tmp/x" });
    expect(await openAiChatCandidate.check(none)).toEqual({
      available: false,
      reason: "OPENAI_API_KEY is not set (nor OPENAI_BASE_URL for a local server)",
    });
    const ollama = parseConfig({
      AITWIN_DATA_DIR: "/tmp/x",
      OPENAI_BASE_URL: "http://user:pw@localhost:11434/v1",
    });
    expect((await openAiChatCandidate.check(ollama)).available).toBe(true);
    expect((await openAiChatCandidate.check(ollama)).reason).not.toContain("pw");
    expect((await openAiSpeechCandidate.check(ollama)).available).toBe(false);
    const keyed = parseConfig({ AITWIN_DATA_DIR: "/tmp/x", OPENAI_API_KEY: KEY });
    const check = await openAiSpeechCandidate.check(keyed);
    expect(check).toEqual({ available: true, reason: "OPENAI_API_KEY is set (https://api.openai.com/v1)" });
  });

  it("probe with a cheap authenticated GET /models", async () => {
    const fake = await startFakeOpenAi({ apiKey: KEY });
    try {
      const good = parseConfig({
        AITWIN_DATA_DIR: "/tmp/x",
        OPENAI_API_KEY: KEY,
        OPENAI_BASE_URL: fake.baseURL,
      });
      expect(await openAiChatCandidate.probe?.(good)).toEqual({
        available: true,
        reason: `${fake.baseURL} answered GET /models (4 models; gpt-4o-mini is listed)`,
      });
      expect(
        fake.requests.map((each) => `${each.method} ${each.path} ${each.headers.authorization}`),
      ).toEqual([`GET /models Bearer ${KEY}`]);
      const bad = parseConfig({
        ...process.env,
        AITWIN_DATA_DIR: "/tmp/x",
        OPENAI_API_KEY: "sk-nope-000000000",
        OPENAI_BASE_URL: fake.baseURL,
      });
      const refused = await openAiChatCandidate.probe?.(bad);
      expect(refused?.available).toBe(false);
      expect(refused?.reason).toMatch(/check OPENAI_API_KEY/);
      expect(refused?.reason).not.toContain("sk-nope");
    } finally {
      await fake.close();
    }
  });
});
