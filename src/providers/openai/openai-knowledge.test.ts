import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../../cli/test-support/run-cli.js";
import { tinyPdf } from "../../knowledge/test-support/document-fixtures.js";
import { type FakeOpenAi, startFakeOpenAi } from "./test-support/fake-openai.js";

const KEY = "sk-test-knowledge-0123456789abcdef";

describe("retrieval-augmented replies on OpenAI", () => {
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
  const systemPrompts = () =>
    fake.requests
      .filter((each) => each.path === "/chat/completions")
      .map((each) => ((each.json?.messages ?? []) as { role: string; content: string }[])[0]);

  it("a passage of an imported PDF reaches the model's system message with the document's name", async () => {
    const cv = join(dataDir, "cv.pdf");
    writeFileSync(cv, tinyPdf(["I studied physics at Coimbra.", "I sailed to the Azores in 2019."]));
    const imported = await runCli(dataDir, ["twin", "import", cv], "", env);
    expect(imported.code).toBe(0);

    expect((await runCli(dataDir, ["ask", "Where did you study physics?"], "", env)).code).toBe(0);
    expect((await runCli(dataDir, ["ask", "What's your favourite colour?"], "", env)).code).toBe(0);
    const [relevant, unrelated] = systemPrompts();
    expect(relevant?.role).toBe("system");
    expect(relevant?.content).toContain(
      "From your documents (your own words; answer from them when they fit):\n- (cv.pdf) I studied physics at Coimbra. I sailed to the Azores in 2019.",
    );
    expect(unrelated?.content).not.toContain("From your documents");
    expect(unrelated?.content).not.toContain("Coimbra");
  });
});
