import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { hostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../test-support/run-cli.js";

const entry = fileURLToPath(new URL("../../../bin/aitwin.js", import.meta.url));

/** A process id that no process has now. */
function deadPid(): number {
  for (let pid = 4_000_000; ; pid++) {
    try {
      process.kill(pid, 0);
    } catch {
      return pid;
    }
  }
}

describe("aitwin serve", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDataDir();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("serves health, and drains and exits 0 on SIGTERM even with an event stream open", async () => {
    // What a server killed by SIGKILL mid-render leaves: its scratch folder, with the render's files in it.
    const killed = join(dataDir, "tmp", `${hostname()}-${deadPid()}`);
    mkdirSync(join(killed, "aitwin-render-x1"), { recursive: true });
    writeFileSync(join(killed, "aitwin-render-x1", "speech.wav"), "RIFF");
    const child = spawn(process.execPath, [entry, "serve", "--port", "0"], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, AITWIN_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address in ${stdout}`)), 20_000);
        child.stdout.on("data", () => {
          const match = /listening on (http:\S+)/.exec(stdout);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
      expect(existsSync(killed)).toBe(false);
      expect(readdirSync(join(dataDir, "tmp"))).toEqual([`${hostname()}-${child.pid}`]);
      const created = await fetch(`${base}/api/twins/default/conversations`, { method: "POST" });
      const conversation = (await created.json()) as { id: string };
      const stream = await fetch(`${base}/api/conversations/${conversation.id}/events`);
      expect(stream.status).toBe(200);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(stdout).toContain("shutting down");
      expect(readdirSync(join(dataDir, "tmp"))).toEqual([]);
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);

  it("says so when the port is taken", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const result = await runCli(dataDir, ["serve", "--port", String(port)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `aitwin: port ${port} on 127.0.0.1 is in use: choose another with --port or PORT\n`,
      );
    } finally {
      taken.close();
    }
  });

  it("refuses to listen beyond loopback without an API key", async () => {
    const result = await runCli(dataDir, ["serve", "--host", "0.0.0.0", "--port", "0"]);
    expect(result.code).toBe(78);
    expect(result.stderr).toBe(
      "aitwin: AITWIN_API_KEY must be set to serve on 0.0.0.0 (anything but loopback)\n",
    );
  });
});
