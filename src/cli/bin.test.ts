import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDataDir } from "./test-support/run-cli.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = fileURLToPath(new URL("../../bin/aitwin.js", import.meta.url));

/** The installed command, run as a user runs it: a new Node process per call, stdin piped. */
function aitwin(dataDir: string, args: string[], input = "") {
  const result = spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, AITWIN_DATA_DIR: dataDir },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the aitwin command", () => {
  let dataDir: string;
  beforeAll(() => {
    // `npm test` builds first; a bare `vitest` run builds here so the test never runs a stale or missing dist/.
    if (!process.env.npm_lifecycle_event?.startsWith("test") || !existsSync(`${root}/dist/cli/main.js`)) {
      execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "ignore" });
    }
    dataDir = tempDataDir();
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("answers, remembers across processes, and chats from piped stdin", () => {
    expect(aitwin(dataDir, ["ask", "Who are you?"]).stdout).toMatch(/^I'm Sam\./);
    expect(aitwin(dataDir, ["twin", "remember", "my favourite food is ramen"]).code).toBe(0);
    expect(aitwin(dataDir, ["ask", "What is your favourite food?"]).stdout).toBe(
      "My favourite food is ramen.\n",
    );
    const chat = aitwin(dataDir, ["chat"], "hi\nwhat is your favourite food?\n");
    expect(chat.code).toBe(0);
    expect(chat.stdout).toContain("Sam> My favourite food is ramen.");
  });

  it("exits non-zero with one line and no stack trace on bad input", () => {
    const result = aitwin(dataDir, ["ask", ""]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("aitwin: the message is empty\n");
  });

  it("ends quietly when the reader of its output has gone (aitwin ask … | head)", () => {
    // `true` exits without reading, long before Node has started: every write meets a closed pipe (EPIPE).
    const script = 'set -o pipefail; "$0" "$1" ask "Who are you?" 2>"$2" | true';
    const stderrFile = `${dataDir}/stderr.txt`;
    const result = spawnSync("bash", ["-c", script, process.execPath, bin, stderrFile], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, AITWIN_DATA_DIR: dataDir },
      timeout: 30_000,
    });
    expect(readFileSync(stderrFile, "utf8")).toBe("");
    expect(result.status).toBe(0);
  });

  it("prints the doctor's report as JSON", () => {
    const report = JSON.parse(aitwin(dataDir, ["doctor", "--json"]).stdout);
    expect(report.stages.find((stage: { stage: string }) => stage.stage === "brain").active).toBe(
      "persona-engine",
    );
  });
});
