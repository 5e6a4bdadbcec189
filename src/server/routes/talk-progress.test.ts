import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, openApp } from "../../app/app.js";
import { ASTRONAUT_PHOTO } from "../../avatar/node/test-support/fixtures.js";
import { parseConfig } from "../../config.js";
import { exited, spawnWorker } from "../../talks/test-support/spawn-worker.js";
import { buildServer } from "../app-server.js";
import { readEvents } from "../test-support/sse-client.js";

const SENTENCE = "The quick brown fox jumps over the lazy dog, and then it runs far away.";

/** A server that renders nothing itself, and an `aitwin worker` process beside it on the same database. */
describe("talk progress from a worker in another process", () => {
  let dataDir: string;
  let app: App;
  let server: FastifyInstance;
  let base: string;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "aitwin-talk-progress-"));
    const env = { AITWIN_DATA_DIR: dataDir, AITWIN_ALLOW_PRIVATE_URLS: "1" };
    app = await openApp(parseConfig(env));
    server = await buildServer(app, { talks: { inProcessWorker: false, statusPollMs: 50 } });
    await server.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    worker = await spawnWorker(env);
  }, 60_000);
  afterAll(async () => {
    if (worker) {
      const exit = exited(worker);
      worker.kill("SIGTERM");
      await exit;
    }
    await server?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("reaches the page's event stream through the database, rising step by step to done", async () => {
    const form = new FormData();
    form.append("image", new Blob([readFileSync(ASTRONAUT_PHOTO)], { type: "image/png" }), "face.png");
    const image = (await (await fetch(`${base}/images`, { method: "POST", body: form })).json()) as {
      url: string;
    };
    const created = await fetch(`${base}/talks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        source_url: image.url,
        script: {
          type: "text",
          input: `${SENTENCE} ${SENTENCE} ${SENTENCE}`,
        },
        config: { size: 192, fps: 25 },
      }),
    });
    const { id } = (await created.json()) as { id: string };

    const events = await readEvents(
      `${base}/api/talks/${id}/events`,
      (event) => (event.data as { status: string }).status === "done",
      { timeoutMs: 60_000 },
    );
    const talks = events.map(
      (event) => event.data as { status: string; progress?: number; result_url?: string },
    );
    expect(talks.at(-1)).toMatchObject({ status: "done", result_url: expect.stringMatching(/\.mp4$/) });
    expect(talks.at(-1)).not.toHaveProperty("progress");
    const rendering = talks.filter((talk) => talk.status === "started").map((talk) => talk.progress ?? -1);
    // This server's own hub heard nothing (it renders nothing): every step came from the worker's writes.
    const steps = rendering.filter((progress) => progress > 0 && progress < 1);
    expect(steps.length).toBeGreaterThanOrEqual(2);
    expect(rendering).toEqual([...rendering].sort((a, b) => a - b));
    expect((await app.store.talks.get(id))?.progress).toBeGreaterThanOrEqual(0.9);
  }, 90_000);
});
