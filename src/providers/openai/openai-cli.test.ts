import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../../cli/test-support/run-cli.js";
import { startFakeDid } from "../d-id/test-support/fake-did.js";
import { type FakeOpenAi, startFakeOpenAi } from "./test-support/fake-openai.js";

const KEY = "sk-test-cli-0123456789abcdef";

describe("the CLI on OpenAI, configured by environment alone", () => {
  let dataDir: string;
  let fake: FakeOpenAi;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dataDir = tempDataDir();
    fake = await startFakeOpenAi({ apiKey: KEY });
    env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseURL };
  });
  afterEach(async () => {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const chats = () => fake.requests.filter((each) => each.path === "/chat/completions");

  it("aitwin ask: the twin's persona and taught memories reach the model, the reply streams back", async () => {
    const taught = await runCli(dataDir, ["twin", "remember", "my sister lives in Berlin"], "", env);
    expect(taught.code).toBe(0);
    expect(chats()).toHaveLength(0); // memory commands are ours, not the model's
    const asked = await runCli(dataDir, ["ask", "Where does my sister live?"], "", env);
    expect(asked).toEqual({ code: 0, stdout: "I'm Sam. You said: Where does my sister live?\n", stderr: "" });
    const [request] = chats();
    expect(request?.json).toMatchObject({ model: "gpt-4o-mini", stream: true });
    const [system, user] = (request?.json?.messages ?? []) as { role: string; content: string }[];
    expect(system?.content).toMatch(/^You are Sam\./);
    expect(system?.content).toContain("- My sister lives in Berlin.");
    expect(user).toEqual({ role: "user", content: "Where does my sister live?" });
  });

  it("aitwin ask --json names the brain, and AITWIN_LLM_MODEL picks the model", async () => {
    fake.options.models?.push("llama3.2");
    const result = await runCli(dataDir, ["ask", "--json", "hi"], "", {
      ...env,
      AITWIN_LLM_MODEL: "llama3.2",
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ reply: "I'm Sam. You said: hi", brain: "openai" });
    expect(chats()[0]?.json?.model).toBe("llama3.2");
  });

  it("aitwin chat: each turn carries the conversation so far", async () => {
    const result = await runCli(dataDir, ["chat"], "hello\nhow are you?\n", env);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([
      "Sam> I'm Sam. You said: hello",
      "Sam> I'm Sam. You said: how are you?",
    ]);
    const second = chats()[1]?.json?.messages as { role: string; content: string }[];
    expect(second.slice(1)).toEqual([
      { role: "user", content: "hello" },
      { role: "assistant", content: "I'm Sam. You said: hello" },
      { role: "user", content: "how are you?" },
    ]);
  });

  it("a refused key ends with one line naming OPENAI_API_KEY, and not the key", async () => {
    const wrong = "sk-test-wrong-999999999999";
    const result = await runCli(dataDir, ["ask", "hi"], "", { ...env, OPENAI_API_KEY: wrong });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(
      /^aitwin: openai: chat completion .* failed with 401; .*check OPENAI_API_KEY\n$/,
    );
    expect(result.stderr + result.stdout).not.toContain(wrong);
  });

  it("aitwin doctor shows OpenAI and D-ID active, and --probe makes the cheap authenticated calls", async () => {
    const did = await startFakeDid({ apiKey: "ZGlk:did-key-1234567" });
    try {
      const cloud = { ...env, DID_API_KEY: "ZGlk:did-key-1234567", DID_BASE_URL: did.baseURL };
      const offline = JSON.parse((await runCli(dataDir, ["doctor", "--json"], "", cloud)).stdout);
      const active = Object.fromEntries(
        offline.stages.map((stage: { stage: string; active: string }) => [stage.stage, stage.active]),
      );
      expect(active).toEqual({
        "speech-to-text": "openai",
        brain: "openai",
        speech: "openai",
        "talking-head": "d-id",
      });
      expect(fake.requests).toHaveLength(0);
      expect(did.requests).toHaveLength(0);

      const probed = await runCli(dataDir, ["doctor", "--probe"], "", cloud);
      expect(probed.stdout).toMatch(/✓ openai .* answered GET \/models \(4 models; gpt-4o-mini is listed\)/);
      expect(probed.stdout).toMatch(/✓ d-id .* D-ID answered GET \/credits \(17 credits left\)/);
      expect(fake.requests.every((each) => each.method === "GET" && each.path === "/models")).toBe(true);
      expect(did.requests.map((each) => each.path)).toEqual(["/credits"]);

      const refused = await runCli(dataDir, ["doctor", "--probe", "--json"], "", {
        ...cloud,
        OPENAI_API_KEY: "sk-bad-000000000",
      });
      const brain = JSON.parse(refused.stdout).stages.find(
        (stage: { stage: string }) => stage.stage === "brain",
      );
      expect(brain.active).not.toBe("openai");
      expect(brain.providers[0]).toMatchObject({
        id: "openai",
        available: false,
        reason: expect.stringContaining("check OPENAI_API_KEY"),
      });
      expect(refused.stdout).not.toContain("sk-bad");
    } finally {
      await did.close();
    }
  });
});
