import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { main } from "../main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "aitwin-cli-"));
}

/** Runs `aitwin ARGS` in this process, as a fresh start would (the store is opened and closed each time). */
export async function runCli(
  dataDir: string,
  args: string[],
  stdin = "",
  /** More environment, e.g. OPENAI_BASE_URL pointing at a loopback fake. */
  env: NodeJS.ProcessEnv = {},
  /** Behave as at a terminal (prompts, the microphone). */
  interactive = false,
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(["node", "aitwin", ...args], {
    env: { ...env, AITWIN_DATA_DIR: dataDir },
    input: Readable.from([stdin]),
    interactive,
    output: {
      out: (text) => {
        stdout += text;
      },
      err: (text) => {
        stderr += text;
      },
    },
  });
  return { code, stdout, stderr };
}
