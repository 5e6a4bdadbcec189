import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { webhookSecret } from "../../talks/webhook-signing.js";
import { runCli, tempDataDir } from "../test-support/run-cli.js";

describe("aitwin doctor", () => {
  const dataDir = tempDataDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("shows the secret that signs this install's webhooks, the same every time", async () => {
    const text = await runCli(dataDir, ["doctor"]);
    expect(text.code).toBe(0);
    const secret = await webhookSecret(dataDir);
    expect(text.stdout).toContain(`webhooks  signed with ${secret}`);
    const json = JSON.parse((await runCli(dataDir, ["doctor", "--json"])).stdout) as {
      webhookSecret: string;
    };
    expect(json.webhookSecret).toBe(secret);
  });

  it("never shows credentials written inside configured URLs (issue 12, case 6)", async () => {
    const env = {
      OPENAI_BASE_URL: "http://bob:hunter2@127.0.0.1:9/v1?api-key=sk-in-query",
      DID_API_KEY: "did-key",
      DID_BASE_URL: "https://user:didpass@api.d-id.com/?token=didtoken",
    };
    const { stdout } = await runCli(dataDir, ["doctor"], "", env);
    expect(stdout).toContain("http://127.0.0.1:9/v1?…");
    for (const secret of ["hunter2", "sk-in-query", "didpass", "didtoken", "did-key"]) {
      expect(stdout).not.toContain(secret);
    }
  });
});
