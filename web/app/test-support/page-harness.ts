import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { buildWebApp } from "../build.js";

export { launchChromium } from "../../test-support/chromium.js";

const aitwin = fileURLToPath(new URL("aitwin-from-source.mjs", import.meta.url));

export interface PageServer {
  base: string;
  dataDir: string;
  /** Stops the server, keeping its data (the page sees it go away). */
  down(): Promise<void>;
  /** Starts it again on the same address and data (after `down`). */
  up(): Promise<void>;
  close(): Promise<void>;
}

/** `aitwin ARGS` from the sources against a data dir (e.g. `speak` to make a WAV). */
export async function runAitwin(dataDir: string, args: string[]): Promise<void> {
  await promisify(execFile)(process.execPath, ["--import", "tsx", aitwin, ...args], {
    env: { ...process.env, AITWIN_DATA_DIR: dataDir },
  });
}

/** `aitwin serve` on a free loopback port with a fresh data dir, serving a freshly bundled page; `env` adds settings. */
export async function startPageServer(env: Record<string, string> = {}): Promise<PageServer> {
  await buildWebApp();
  const dataDir = mkdtempSync(join(tmpdir(), "aitwin-page-"));
  const serve = (port: string) =>
    spawn(process.execPath, ["--import", "tsx", aitwin, "serve", "--port", port, "--host", "127.0.0.1"], {
      env: { ...process.env, ...env, AITWIN_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
  let child: ChildProcess | undefined = serve("0");
  const base = await listeningAddress(child);
  const down = async () => {
    if (!child) return;
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    child = undefined;
  };
  return {
    base,
    dataDir,
    down,
    async up() {
      if (child) return;
      child = serve(new URL(base).port);
      await listeningAddress(child);
    },
    async close() {
      await down();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function listeningAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found?.[1]) resolve(found[1]);
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => reject(new Error(`aitwin serve exited with ${code}: ${output}`)));
  });
}
