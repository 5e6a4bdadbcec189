import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildSystemPrompt } from "../../brain/prompt-builder.js";
import { testTwin } from "../../brain/test-twin.js";
import { parseConfig } from "../../config.js";
import type { ChatRequest } from "../../core/chat-model.js";
import { CancelledError, ProviderError } from "../../core/errors.js";
import { selectProvider } from "../select.js";
import { LlamaCppChatModel } from "./llama-chat-model.js";
import { llamaCppCandidate } from "./llama-cpp-candidate.js";

/** Random weights: proves loading, templating, streaming and cancellation, not the quality of replies. */
const repository = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const FIXTURE = join(repository, "../shared/fixtures/models/llama-2-tiny-random.gguf");

function dataDirWith(files: string[]): string {
  const dataDir = mkdtempSync(join(tmpdir(), "aitwin-llama-"));
  mkdirSync(join(dataDir, "models"));
  for (const file of files) copyFileSync(FIXTURE, join(dataDir, "models", file));
  return dataDir;
}

const twin = testTwin();
function request(question: string, signal?: AbortSignal): ChatRequest {
  return {
    twin,
    memories: [],
    messages: [{ role: "user", content: question }],
    passages: [],
    system: buildSystemPrompt(twin, [], question),
    signal,
  };
}

const model = new LlamaCppChatModel({ modelPath: FIXTURE, maxReplyTokens: 24, contextTokens: 1024 });
afterAll(() => model.close());

describe("llama-cpp candidate", () => {
  it("is unavailable without a GGUF, and says where it looked", async () => {
    const config = parseConfig({ AITWIN_DATA_DIR: dataDirWith([]) });
    expect(await llamaCppCandidate.check(config)).toEqual({
      available: false,
      reason: expect.stringContaining(`no GGUF model in ${config.modelsDir}`),
    });
  });

  it("serves the brain ahead of the persona engine when a GGUF is in the models dir", async () => {
    const config = parseConfig({ AITWIN_DATA_DIR: dataDirWith(["tiny.gguf"]) });
    expect(await llamaCppCandidate.check(config)).toMatchObject({ available: true });
    const brain = await selectProvider("brain", config);
    expect(brain?.provider).toBe("llama-cpp");
  });

  it("honours AITWIN_LLM_MODEL when it names a GGUF that is not there", async () => {
    const config = parseConfig({
      AITWIN_DATA_DIR: dataDirWith(["tiny.gguf"]),
      AITWIN_LLM_MODEL: "other.gguf",
    });
    expect(await llamaCppCandidate.check(config)).toMatchObject({ available: false, reason: /other\.gguf/ });
  });
});

describe("llama-cpp brain", () => {
  it("loads the model with a chat template and streams a reply in pieces", async () => {
    expect(await model.templateName()).toMatch(/\w/);
    const pieces: string[] = [];
    for await (const piece of model.stream(request("Where did you grow up?"))) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("").length).toBeGreaterThan(0);
  });

  it("stops generating when the turn is cancelled, and answers the next turn", async () => {
    const controller = new AbortController();
    const pieces: string[] = [];
    const consume = async () => {
      for await (const piece of model.stream(request("Tell me a long story.", controller.signal))) {
        pieces.push(piece);
        if (pieces.length === 2) controller.abort();
      }
    };
    await expect(consume()).rejects.toThrow(CancelledError);
    expect(pieces).toHaveLength(2);
    const next: string[] = [];
    for await (const piece of model.stream(request("And then?"))) next.push(piece);
    expect(next.length).toBeGreaterThan(0);
  });

  it("fails with a ProviderError naming a file that is not a GGUF", async () => {
    const broken = new LlamaCppChatModel({ modelPath: join(repository, "package.json") });
    const stream = broken.stream(request("Hello"));
    await expect(stream[Symbol.asyncIterator]().next()).rejects.toThrow(ProviderError);
  });
});
