import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type BenchSuite, median } from "./suite.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin", "aitwin.js");
const ROUNDS = 9;
const unbundled = `const { main } = await import(${JSON.stringify(join(root, "dist", "cli", "main.js"))});
process.exitCode = await main(process.argv);`;

/** Wall time of one process from spawn to exit, in ms. */
async function timed(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  await run(process.execPath, args, { env, cwd: root });
  return performance.now() - started;
}

/**
 * `npm run bench -- cli`: how fast `aitwin` starts, as multiples of a bare `node -e 0` timed in the same rounds
 * (targets: --version and --help ≤ 2×; `ask` ≤ 0.35 s warm, i.e. after one run has warmed the data dir and the OS's
 * file cache). Runs the built CLI (bin/aitwin.js → dist/, `ask` → its bundle), as users do after `npm ci`.
 */
export const cliSuite: BenchSuite = {
  name: "cli",
  async run(report) {
    if (!existsSync(join(root, "dist", "cli", "main.js"))) {
      report("dist/ is not built: run `npm run build` first");
      return;
    }
    const askBundle = join(root, "dist", "cli", "ask-bundle", "ask-main.cjs");
    if (
      !existsSync(askBundle) ||
      statSync(askBundle).mtimeMs < statSync(join(root, "dist", "cli", "main.js")).mtimeMs
    ) {
      report(
        "the ask bundle is missing or older than dist/ (bin/aitwin.js would not use it): run `npm run build`",
      );
    }
    const dataDir = mkdtempSync(join(tmpdir(), "aitwin-bench-cli-"));
    const env = { ...process.env, AITWIN_DATA_DIR: dataDir };
    try {
      const commands: { name: string; args: string[] }[] = [
        { name: "node -e 0", args: ["-e", "0"] },
        { name: "aitwin --version", args: [bin, "--version"] },
        { name: "aitwin --help", args: [bin, "--help"] },
        { name: 'aitwin ask "Who are you?"', args: [bin, "ask", "Who are you?"] },
        // The same command without its bundle (dist/cli/ask-bundle/), for comparison: every module a file.
        {
          name: "  … unbundled",
          args: ["--input-type=module", "-e", unbundled, "aitwin", "ask", "Who are you?"],
        },
      ];
      // Warm-up: the first `ask` creates and migrates the database.
      for (const command of commands) await timed(command.args, env);
      const times = new Map(commands.map((command) => [command.name, [] as number[]]));
      // Interleaved rounds, so a busy moment on a shared machine weighs on every command alike.
      for (let round = 0; round < ROUNDS; round++) {
        for (const command of commands) times.get(command.name)?.push(await timed(command.args, env));
      }
      const bare = median(times.get("node -e 0") ?? []);
      report(`median of ${ROUNDS} interleaved rounds; bare node -e 0 = ${bare.toFixed(0)} ms`);
      for (const command of commands.slice(1)) {
        const value = median(times.get(command.name) ?? []);
        report(
          `${command.name.padEnd(28)} ${(value / bare).toFixed(2)}× bare node  (${value.toFixed(0)} ms)`,
        );
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
