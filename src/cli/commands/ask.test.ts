import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../test-support/run-cli.js";

describe("aitwin ask", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDataDir();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("answers at once, in the first person, from the default twin", async () => {
    const result = await runCli(dataDir, ["ask", "Who are you?"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^I'm Sam\. I'm a digital twin/);
  });

  it("learns, and still knows after a restart", async () => {
    const taught = await runCli(dataDir, ["twin", "remember", "my favourite food is ramen"]);
    expect(taught.stdout).toContain("I'll remember that my favourite food is ramen");
    // Each runCli opens and closes the database, as a new process would.
    const asked = await runCli(dataDir, ["ask", "What is your favourite food?"]);
    expect(asked.stdout.trim()).toBe("My favourite food is ramen.");
    const forgotten = await runCli(dataDir, ["ask", "forget my favourite food"]);
    expect(forgotten.stdout).toContain("I've forgotten that my favourite food is ramen");
    const after = await runCli(dataDir, ["ask", "What is your favourite food?"]);
    expect(after.stdout).toMatch(/I don't know|I'm not sure/);
  });

  it("prints JSON with --json", async () => {
    const result = await runCli(dataDir, ["ask", "--json", "What's your name?"]);
    expect(JSON.parse(result.stdout)).toMatchObject({
      twin: { id: "default", name: "Sam" },
      reply: "My name is Sam.",
      sentences: ["My name is Sam."],
      brain: "persona-engine",
    });
  });

  it.each([
    [["ask", "   "], /^aitwin: the message is empty\n$/, 2],
    [["ask", "x".repeat(5000)], /^aitwin: the message is 5000 characters; the limit is 4000\n$/, 2],
    [["ask", "--twin", "nobody", "hi"], /^aitwin: no twin with id "nobody"\n$/, 3],
    [["ask"], /^aitwin: missing required argument 'text'\n$/, 2],
    [["ask", "--bogus", "hi"], /^aitwin: unknown option '--bogus'\n$/, 2],
  ])("refuses bad input %j with one line and a non-zero exit", async (args, message, code) => {
    const result = await runCli(dataDir, args);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe("");
  });

  it("says the database is corrupt instead of crashing", async () => {
    writeFileSync(join(dataDir, "aitwin.sqlite"), "this is not a database, just text ".repeat(200));
    const result = await runCli(dataDir, ["ask", "hello"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(result.stderr).toContain(join(dataDir, "aitwin.sqlite"));
    expect(result.stderr).toMatch(/not a valid SQLite database/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("aitwin with no command", () => {
  it("shows the help and exits 2", async () => {
    const dataDir = tempDataDir();
    const result = await runCli(dataDir, []);
    rmSync(dataDir, { recursive: true, force: true });
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/Usage: aitwin/);
    expect(result.stderr).not.toContain("outputHelp");
  });
});
