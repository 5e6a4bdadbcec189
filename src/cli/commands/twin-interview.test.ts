import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../test-support/run-cli.js";

const fromSource = fileURLToPath(
  new URL("../../../web/app/test-support/aitwin-from-source.mjs", import.meta.url),
);

const questionsIn = (stdout: string) => stdout.split("\n").filter((line) => line.endsWith("?"));
const showTwin = async (dataDir: string, id = "default") =>
  JSON.parse((await runCli(dataDir, ["twin", "show", id, "--json"])).stdout);

describe("aitwin twin interview", { timeout: 60_000 }, () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDataDir();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("asks one question a line, learns each answer as a first-person fact, and prints what it learned", async () => {
    const answers = [
      "my name is ana",
      "I live in Lisbon by the river",
      "skip",
      "nurse",
      "the people",
      "I'm married",
      "Rui",
      "no",
      "stop",
      "never read",
    ];
    const result = await runCli(dataDir, ["twin", "interview"], `${answers.join("\n")}\n`);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(questionsIn(result.stdout)).toEqual([
      "What's your name?",
      "Where do you live?",
      "Where did you grow up?",
      "What do you do for work?",
      "What do you like most about your work?",
      "Do you have a partner?",
      "What's your partner's name?",
      "Do you have children?",
      "Do you have any brothers or sisters?",
    ]);
    const learned = [
      "I live in Lisbon by the river.",
      "I work as a nurse.",
      "What I like most about my work is the people.",
      "I'm married.",
      "My partner is called Rui.",
      "I don't have children.",
    ];
    expect(result.stdout.split("\n").slice(9)).toEqual([
      "Learned:",
      "  name: Ana",
      ...learned.map((fact) => `  - ${fact}`),
      "",
    ]);
    const twin = await showTwin(dataDir);
    expect(twin.name).toBe("Ana");
    // The seeded text about the software is gone: the twin is now the person, and says only what it learned.
    expect(twin.persona.facts).toEqual(learned);
    expect(twin.persona.biography).toBe("");
    const asked = await runCli(dataDir, ["ask", "What do you do for work?"]);
    expect(asked.stdout).toBe("I work as a nurse.\n");
    const intro = await runCli(dataDir, ["ask", "Who are you?"]);
    expect(intro.stdout).not.toMatch(/digital twin|offline/);
  });

  it("sets the speaking style, and skips what the twin already knows the next time", async () => {
    await runCli(dataDir, ["twin", "create", "Ada", "--id", "ada", "--fact", "My favourite food is ramen."]);
    const first = await runCli(dataDir, ["twin", "interview", "ada"], "Lisbon\n");
    expect(questionsIn(first.stdout)).toEqual(["Where do you live?", "Where did you grow up?"]);
    expect(first.stdout).toContain("Learned:\n  - I live in Lisbon.\n");

    const skips = Array(30).fill("skip").join("\n");
    const dryRun = questionsIn((await runCli(dataDir, ["twin", "interview", "ada"], skips)).stdout);
    expect(dryRun).not.toContain("What's your name?");
    expect(dryRun).not.toContain("Where do you live?");
    expect(dryRun).not.toContain("What's your favourite food?");
    expect(dryRun).toContain("Where did you grow up?");
    expect(dryRun.at(-1)).toBe("How would you describe the way you talk — formal, playful, warm, brief?");

    const untilStyle = [...Array(dryRun.length - 1).fill("skip"), "I'm dry and brief"].join("\n");
    const second = await runCli(dataDir, ["twin", "interview", "ada"], untilStyle);
    expect(second.stdout).toMatch(/Learned:\n {2}style: dry and brief\n$/);
    expect((await showTwin(dataDir, "ada")).persona.style).toBe("dry and brief");

    const third = await runCli(dataDir, ["twin", "interview", "ada"], skips);
    expect(questionsIn(third.stdout)).toEqual(dryRun.slice(0, -1));
    expect(third.stdout).toMatch(/Learned nothing new\.\n$/);
  });

  it("adds no fact twice when the same answer is given again", async () => {
    await runCli(dataDir, ["twin", "create", "Ada", "--id", "ada"]);
    await runCli(dataDir, ["twin", "interview", "ada"], "skip\nOslo\n");
    await runCli(dataDir, ["twin", "interview", "ada"], "skip\nOslo\n");
    const facts: string[] = (await showTwin(dataDir, "ada")).persona.facts;
    expect(facts.filter((fact) => fact === "I grew up in Oslo.")).toHaveLength(1);
  });

  it("refuses an over-long answer on stderr and asks the same question again", async () => {
    await runCli(dataDir, ["twin", "create", "Ada", "--id", "ada"]);
    const result = await runCli(dataDir, ["twin", "interview", "ada"], `${"x".repeat(1200)}\nLisbon\nstop\n`);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("aitwin: the answer is 1200 characters; the limit is 1000\n");
    expect(questionsIn(result.stdout)).toEqual([
      "Where do you live?",
      "Where do you live?",
      "Where did you grow up?",
    ]);
    expect(result.stdout).toContain("  - I live in Lisbon.\n");
  });

  it("refuses an unknown twin with one line and exit code 3", async () => {
    const result = await runCli(dataDir, ["twin", "interview", "ghost"], "Lisbon\n");
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("talks turn by turn with a real process over pipes, and keeps what it learned when killed mid-interview", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", fromSource, "twin", "interview"], {
      env: { ...process.env, AITWIN_DATA_DIR: dataDir },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const replies: Record<string, string> = {
      "What's your name?": "call me Bea",
      "Where do you live?": "in Porto",
    };
    const asked: string[] = [];
    let buffered = "";
    await new Promise<void>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
      child.stdout.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const question of lines) {
          asked.push(question);
          // Each answer is written only after its question arrived: the interview really waits for each line.
          if (question === "Where did you grow up?") return resolve();
          child.stdin.write(`${replies[question]}\n`);
        }
      });
    });
    child.kill("SIGKILL");
    await exited;
    expect(asked).toEqual(["What's your name?", "Where do you live?", "Where did you grow up?"]);
    const twin = await showTwin(dataDir);
    expect(twin.name).toBe("Bea");
    expect(twin.persona.facts).toContain("I live in Porto.");
  });
});
