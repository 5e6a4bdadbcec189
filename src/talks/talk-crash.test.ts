import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, openApp } from "../app/app.js";
import { ASTRONAUT_PHOTO } from "../avatar/node/test-support/fixtures.js";
import { parseConfig } from "../config.js";
import { redisUnavailable, startTestRedis } from "../jobs/test-support/redis-server.js";
import { eventually } from "../jobs/test-support/waiting.js";
import { probe } from "../providers/local-avatar/test-support/mp4-inspection.js";
import { resultsDir, storeImage } from "./talk-media.js";
import { openTalkRuntime, type TalkRuntime } from "./talk-runtime.js";
import { exited, spawnWorker } from "./test-support/spawn-worker.js";
import { startWebhookListener } from "./test-support/webhook-listener.js";

const KILLS = 10;
const ORIGIN = "http://127.0.0.1:9";
const TEXT =
  "The quick brown fox jumps over the lazy dog. It was a bright cold day in April, and the clocks struck.";

/**
 * Workers are killed with SIGKILL in the middle of a render, ten times over; each talk must still end done, by
 * another worker, with one `done` webhook, and leave no file behind but its MP4.
 */
function crashSuite(backend: string, redisUrl: () => Promise<string | undefined>) {
  describe(`talks survive killed workers (${backend})`, () => {
    let dataDir: string;
    let env: NodeJS.ProcessEnv;
    let app: App;
    let runtime: TalkRuntime;
    let webhooks: Awaited<ReturnType<typeof startWebhookListener>>;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), "aitwin-crash-"));
      const redis = await redisUrl();
      env = { AITWIN_DATA_DIR: dataDir, AITWIN_ALLOW_PRIVATE_URLS: "1", ...(redis && { REDIS_URL: redis }) };
      app = await openApp(parseConfig(env));
      runtime = await openTalkRuntime(app);
      webhooks = await startWebhookListener();
    });
    afterAll(async () => {
      await runtime?.close();
      await app?.close();
      await webhooks?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const startWorker = () => spawnWorker(env, ["--lease-seconds", "1"]);

    it("finishes every talk on another worker, announces each once, and leaves only the results", async () => {
      const imageId = await storeImage(app.config.mediaDir, readFileSync(ASTRONAUT_PHOTO));
      const body = {
        source_url: `${ORIGIN}/images/${imageId}.jpg`,
        script: { type: "text", input: TEXT },
        webhook: webhooks.url,
        config: { size: 128, fps: 15 },
      };
      const ids: string[] = [];
      let worker = await startWorker();
      for (let kill = 0; kill < KILLS; kill++) {
        const talk = await runtime.service.create(body, { origin: ORIGIN });
        ids.push(talk.id);
        // A partial MP4 on disk means ffmpeg is encoding this talk's frames right now.
        await eventually(
          "the render to be under way",
          async () => {
            const now = await app.store.talks.get(talk.id);
            if (now?.status !== "created" && now?.status !== "started")
              throw new Error(`talk ended ${now?.status}`);
            const names = await readdir(resultsDir(app.config.mediaDir)).catch(() => []);
            return names.some((name) => name.startsWith(`${talk.id}.partial-`));
          },
          60_000,
          10,
        );
        const exit = exited(worker);
        worker.kill("SIGKILL");
        await exit;
        worker = await startWorker();
        await eventually(
          "the talk done",
          async () => (await app.store.talks.get(talk.id))?.status === "done",
        );
      }
      await eventually("every webhook", async () => webhooks.received.length >= KILLS);
      const exit = exited(worker);
      worker.kill("SIGTERM");
      await exit;

      for (const id of ids) {
        expect(await app.store.talks.get(id)).toMatchObject({ status: "done", resultFile: `${id}.mp4` });
        // Attempt 1 died with its worker; attempt 2 was another worker's.
        expect((await runtime.queue.get(`render.${id}`))?.attempts).toBe(2);
        const { streams } = await probe(join(resultsDir(app.config.mediaDir), `${id}.mp4`));
        expect(streams.map((stream) => stream.codec_name).sort()).toEqual(["aac", "h264"]);
      }
      const deliveries = webhooks.received.map((each) => [each.body.id, each.body.status]);
      expect(deliveries.sort()).toEqual(ids.map((id) => [id, "done"]).sort());
      expect((await readdir(resultsDir(app.config.mediaDir))).sort()).toEqual(
        ids.map((id) => `${id}.mp4`).sort(),
      );
      expect(await readdir(join(dataDir, "tmp"))).toEqual([]);
      expect((await readdir(app.config.mediaDir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    }, 300_000);
  });
}

crashSuite("embedded queue on SQLite", async () => undefined);

const unavailable = redisUnavailable();
let redis: { url: string; stop(): Promise<void> } | undefined;
describe.skipIf(unavailable)(`BullMQ (${unavailable ?? "available"})`, () => {
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  crashSuite("BullMQ on Redis", async () => {
    if (!redis) throw new Error("Redis did not start");
    // A database of its own on a shared server, emptied first: the default key prefix is in use.
    const url = `${redis.url}/${1 + Math.floor(Math.random() * 15)}`;
    const client = new Redis(url);
    await client.flushdb();
    await client.quit();
    return url;
  });
});
