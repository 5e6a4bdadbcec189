import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../test-support/run-cli.js";

describe("aitwin chat", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDataDir();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("holds a multi-turn conversation from piped input and exits cleanly at the end of input", async () => {
    const input = [
      "hello",
      "remember that my favourite food is ramen",
      "",
      "What is your favourite food?",
      "thanks",
    ];
    const result = await runCli(dataDir, ["chat"], `${input.join("\n")}\n`);
    expect(result.code).toBe(0);
    const replies = result.stdout.trim().split("\n");
    expect(replies).toHaveLength(4);
    expect(replies[0]).toMatch(/^Sam> (Hi|Hey)/);
    expect(replies[1]).toBe("Sam> Got it. I'll remember that my favourite food is ramen.");
    expect(replies[2]).toBe("Sam> My favourite food is ramen.");
    expect(replies[3]).toMatch(/^Sam> (You're welcome|Anytime)/);
  });

  it("keeps going after a bad line and stops at /quit", async () => {
    const result = await runCli(dataDir, ["chat"], `${"x".repeat(4100)}\nhi\n/quit\nnever read\n`);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/limit is 4000/);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("continues an earlier conversation by id", async () => {
    await runCli(dataDir, ["chat"], "hello\n");
    const again = await runCli(dataDir, ["chat", "--conversation", "conv_missing"], "hi\n");
    expect(again.code).toBe(3);
  });
});
