import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASK_ONLY } from "./ask-main.js";
import { ASK_BUNDLE, ASK_BUNDLE_DIR } from "./build-ask-bundle.js";
import { COMMANDS } from "./command-table.js";
import { tempDataDir } from "./test-support/run-cli.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

const scripts = mkdtempSync(join(tmpdir(), "aitwin-ask-bundle-test-"));

/**
 * Runs `aitwin ARGS` in a new Node process from `entry` (the bundle, through its code cache, or dist/cli/main.js), as
 * bin/aitwin.js does. From a script file, not `node -e`: node-llama-cpp forks a process to test its binary, and a
 * fork inherits `-e` and would run the script again.
 */
function run(entry: string, dataDir: string, args: string[]) {
  const script = join(scripts, entry.endsWith(".cjs") ? "bundled.mjs" : "unbundled.mjs");
  writeFileSync(
    script,
    entry.endsWith(".cjs")
      ? `const { loadCachedBundle } = await import(${JSON.stringify(`${root}dist/cli/cached-bundle.js`)});
const loaded = loadCachedBundle(${JSON.stringify(entry)});
process.exitCode = await loaded.exports.main(process.argv);
loaded.saveCache();`
      : `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(process.argv);`,
  );
  const result = spawnSync(process.execPath, [script, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, AITWIN_DATA_DIR: dataDir },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the ask bundle", () => {
  let dataDir: string;
  const bundle = ASK_BUNDLE;
  const unbundled = `${root}dist/cli/main.js`;
  beforeAll(() => {
    // `npm test` builds first; a bare `vitest` run builds here so the test never runs a stale or missing bundle.
    if (!process.env.npm_lifecycle_event?.startsWith("test") || !existsSync(bundle)) {
      execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "ignore" });
    }
    dataDir = tempDataDir();
  }, 180_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(scripts, { recursive: true, force: true });
  });

  it("is the same ask command as the full table's", () => {
    const full = COMMANDS.find((entry) => entry.name === "ask");
    expect(ASK_ONLY.map(({ name, summary }) => ({ name, summary }))).toEqual([
      { name: full?.name, summary: full?.summary },
    ]);
  });

  it("answers, fails and prints JSON exactly as the unbundled CLI does", () => {
    expect(run(unbundled, dataDir, ["twin", "remember", "my favourite food is ramen"]).code).toBe(0);
    const cases = [
      ["ask", "What is your favourite food?"],
      ["ask", "--json", "Who are you?"],
      // Bad input, and a missing twin: the bundle's own error classes still map to the same exit codes.
      ["ask", ""],
      ["ask", "--twin", "nobody", "hello"],
      ["ask", "--help"],
    ];
    for (const args of cases) {
      const bundled = run(bundle, dataDir, args);
      expect(bundled, args.join(" ")).toEqual(run(unbundled, dataDir, args));
    }
    expect(run(bundle, dataDir, ["ask", "What is your favourite food?"]).stdout).toBe(
      "My favourite food is ramen.\n",
    );
    expect(run(bundle, dataDir, ["ask", ""])).toMatchObject({
      code: 2,
      stderr: "aitwin: the message is empty\n",
    });
  });

  it("imports packages that are ES modules only (node-llama-cpp, for a GGUF model) through its loader", () => {
    const llamaDir = tempDataDir();
    try {
      mkdirSync(join(llamaDir, "models"));
      copyFileSync(
        `${root}../shared/fixtures/models/llama-2-tiny-random.gguf`,
        join(llamaDir, "models", "tiny.gguf"),
      );
      const bundled = run(bundle, llamaDir, ["ask", "--json", "hello"]);
      expect(bundled.stderr).toBe("");
      // Random weights: the reply is noise, but the brain that wrote it is the model's.
      expect(JSON.parse(bundled.stdout)).toMatchObject({ brain: "llama-cpp" });
    } finally {
      rmSync(llamaDir, { recursive: true, force: true });
    }
  });

  it("keeps each module's own location, so files and worker threads found beside a module are found", () => {
    const located = [...readFileSync(ASK_BUNDLE, "utf8").matchAll(/__aitwinModuleUrl\("([^"]+)"\)/g)].map(
      (match) => match[1] as string,
    );
    // WordNet, the brain's lexicon, is found from its module's location.
    expect(located).toContain("../../brain/lexicon/wordnet.js");
    for (const path of located)
      expect(existsSync(new URL(path, pathToFileURL(ASK_BUNDLE_DIR))), path).toBe(true);
  });
});
