import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../test-support/run-cli.js";

describe("aitwin twin", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDataDir();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("creates, lists, shows and edits twins", async () => {
    const created = await runCli(dataDir, [
      "twin",
      "create",
      "Ada",
      "--id",
      "ada",
      "--bio",
      "I'm a sailor from Lisbon.",
      "--style",
      "dry humour",
      "--fact",
      "I have a cat called Turing.",
    ]);
    expect(created).toMatchObject({ code: 0, stdout: "created twin ada (Ada)\n" });
    const list = await runCli(dataDir, ["twin", "list", "--json"]);
    expect(
      JSON.parse(list.stdout)
        .map((twin: { id: string }) => twin.id)
        .sort(),
    ).toEqual(["ada", "default"]);
    await runCli(dataDir, [
      "twin",
      "edit",
      "ada",
      "--add-fact",
      "I grew up in Porto.",
      "--rate",
      "1.2",
      "--look",
      "meadow",
    ]);
    const shown = JSON.parse((await runCli(dataDir, ["twin", "show", "ada", "--json"])).stdout);
    expect(shown.persona.facts).toEqual(["I have a cat called Turing.", "I grew up in Porto."]);
    expect(shown.voice.rate).toBe(1.2);
    expect(shown.face).toEqual({ kind: "illustrated", look: "meadow" });
    const asked = await runCli(dataDir, ["ask", "--twin", "ada", "Where did you grow up?"]);
    expect(asked.stdout.trim()).toBe("I grew up in Porto.");
  });

  it("remembers per twin and shows memories", async () => {
    await runCli(dataDir, ["twin", "create", "Ada", "--id", "ada"]);
    await runCli(dataDir, ["twin", "remember", "--twin", "ada", "you", "love", "jazz"]);
    const shown = await runCli(dataDir, ["twin", "show", "ada"]);
    expect(shown.stdout).toMatch(/memories:\n {2}- mem_\w+ {2}I love jazz\./);
    const other = await runCli(dataDir, ["ask", "Do you love jazz?"]);
    expect(other.stdout).not.toContain("jazz");
  });

  it("refuses bad input clearly", async () => {
    expect(await runCli(dataDir, ["twin", "create", "  "])).toMatchObject({
      code: 2,
      stderr: "aitwin: the name is empty\n",
    });
    expect((await runCli(dataDir, ["twin", "create", "X", "--id", "bad id!"])).code).toBe(2);
    await runCli(dataDir, ["twin", "create", "Ada", "--id", "ada"]);
    expect((await runCli(dataDir, ["twin", "create", "Ada", "--id", "ada"])).stderr).toMatch(/already/);
    expect((await runCli(dataDir, ["twin", "edit", "ada", "--rate", "9"])).stderr).toMatch(/--rate/);
    expect((await runCli(dataDir, ["twin", "edit", "ada", "--look", "plaid"])).code).toBe(2);
    expect((await runCli(dataDir, ["twin", "show", "ghost"])).code).toBe(3);
  });
});
