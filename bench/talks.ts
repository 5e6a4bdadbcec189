/**
 * Talks API figures: talks completed per minute with 1 and 2 workers (the server's in-process worker, plus one
 * `aitwin worker` process), and API read latency (p99 of GET /talks/{id}) while those renders run, as a ratio to the
 * same server idle.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openApp } from "../src/app/app.js";
import { ASTRONAUT_PHOTO } from "../src/avatar/node/test-support/fixtures.js";
import { parseConfig } from "../src/config.js";
import { buildServer } from "../src/server/app-server.js";
import { type BenchSuite, percentile } from "./suite.js";

const TALKS = 8;
const workerScript = fileURLToPath(new URL("../src/talks/test-support/worker-process.ts", import.meta.url));
const TEXT = "Hello, this is your twin speaking. Rendering a short talk for the benchmark.";

async function timedGet(url: string): Promise<number> {
  const start = performance.now();
  await (await fetch(url)).arrayBuffer();
  return performance.now() - start;
}

async function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", workerScript], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => {
    child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("is taking jobs") && resolve());
  });
  return child;
}

async function run(workers: number, report: (line: string) => void): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "aitwin-bench-talks-"));
  const env = { AITWIN_DATA_DIR: dataDir };
  const app = await openApp(parseConfig(env));
  const server = await buildServer(app, { rateLimit: 1_000_000 });
  await server.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  const extra = await Promise.all(Array.from({ length: workers - 1 }, () => startWorker(env)));
  try {
    const form = new FormData();
    form.append("image", new Blob([await readFile(ASTRONAUT_PHOTO)]), "face.png");
    const image = (await (await fetch(`${base}/images`, { method: "POST", body: form })).json()) as {
      url: string;
    };
    const post = async () => {
      const body = {
        source_url: image.url,
        script: { type: "text", input: TEXT },
        config: { size: 256, fps: 25 },
      };
      const response = await fetch(`${base}/talks`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return ((await response.json()) as { id: string }).id;
    };
    // A warm-up talk landmarks the photo once, so every measured talk costs the same.
    const warm = await post();
    const status = async (id: string) =>
      ((await (await fetch(`${base}/talks/${id}`)).json()) as { status: string }).status;
    while ((await status(warm)) !== "done") await new Promise((resolve) => setTimeout(resolve, 100));
    const idle: number[] = [];
    for (let index = 0; index < 300; index++) idle.push(await timedGet(`${base}/talks/${warm}`));

    const start = performance.now();
    const ids = await Promise.all(Array.from({ length: TALKS }, post));
    const busy: number[] = [];
    let pending = ids;
    while (pending.length > 0) {
      for (let index = 0; index < 20; index++) busy.push(await timedGet(`${base}/talks/${warm}`));
      const states = await Promise.all(pending.map(async (id) => [id, await status(id)] as const));
      const failed = states.find(([, state]) => state === "error" || state === "rejected");
      if (failed) throw new Error(`talk ${failed[0]} ended ${failed[1]}`);
      pending = states.filter(([, state]) => state !== "done").map(([id]) => id);
    }
    const minutes = (performance.now() - start) / 60_000;
    const idleP99 = percentile(idle, 0.99);
    const busyP99 = percentile(busy, 0.99);
    report(
      `${workers} worker${workers > 1 ? "s" : ""}: ${(TALKS / minutes).toFixed(1)} talks/min (256², 25 fps, ~4 s each); ` +
        `GET /talks/{id} p99 ${busyP99.toFixed(1)} ms while rendering vs ${idleP99.toFixed(1)} ms idle ` +
        `(×${(busyP99 / idleP99).toFixed(1)}, ${busy.length} requests)`,
    );
  } finally {
    for (const child of extra) child.kill("SIGTERM");
    await server.close();
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const talksSuite: BenchSuite = {
  name: "talks",
  async run(report) {
    await run(1, report);
    await run(2, report);
  },
};
