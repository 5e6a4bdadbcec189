import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Browser, chromium } from "playwright-core";
import { buildWebApp } from "../build.js";

/** The flags every headless run needs here: Debian chromium as root, no GPU, nothing fetched from the network. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const aitwin = fileURLToPath(new URL("aitwin-from-source.mjs", import.meta.url));

export interface PageServer {
  base: string;
  dataDir: string;
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
  const child = spawn(
    process.execPath,
    ["--import", "tsx", aitwin, "serve", "--port", "0", "--host", "127.0.0.1"],
    { env: { ...process.env, ...env, AITWIN_DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const base = await listeningAddress(child);
  return {
    base,
    dataDir,
    async close() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
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

/** Debian's chromium, headless; `fakeMicrophone` is a WAV the fake capture device plays as the microphone. */
export function launchChromium(fakeMicrophone?: string): Promise<Browser> {
  const microphone = fakeMicrophone
    ? [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        `--use-file-for-fake-audio-capture=${fakeMicrophone}`,
      ]
    : [];
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_ARGS, ...microphone] });
}
