import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { queueConformance } from "./test-support/queue-conformance.js";
import { redisUnavailable, startTestRedis } from "./test-support/redis-server.js";

const unavailable = redisUnavailable();
const directory = mkdtempSync(join(tmpdir(), "aitwin-bullmq-"));
let redis: { url: string; stop(): Promise<void> } | undefined;
let count = 0;
beforeAll(async () => {
  if (!unavailable) redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe.skipIf(unavailable)(`BullMQ (${unavailable ?? "available"})`, () => {
  queueConformance("BullMQ on Redis", async () => {
    if (!redis) throw new Error("Redis did not start");
    return {
      // The store is still opened (talks live there); the jobs go to Redis.
      database: { kind: "sqlite", path: join(directory, `${++count}.sqlite`) },
      queue: { redisUrl: redis.url, prefix: `test-${randomBytes(4).toString("hex")}`, leaseMs: 1000 },
    };
  });
});
