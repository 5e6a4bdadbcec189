import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BullmqQueue } from "./bullmq-queue.js";
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

describe.skipIf(unavailable)("BullMQ leases", () => {
  it("logs a lease lost while its worker held the event loop past it, and the job runs again", async () => {
    if (!redis) throw new Error("Redis did not start");
    const leaseMs = 500;
    const queue = new BullmqQueue({
      url: redis.url,
      prefix: `test-${randomBytes(4).toString("hex")}`,
      leaseMs,
    });
    const warnings: { details: Record<string, unknown>; message: string }[] = [];
    const log = {
      warn: (details: Record<string, unknown>, message: string) => warnings.push({ details, message }),
      error: () => {},
    };
    const attempts: number[] = [];
    try {
      const worker = queue.work(
        {
          hold: {
            run: async (job) => {
              attempts.push(job.attempt);
              // The first attempt holds this thread's event loop three leases long: no timer can renew the lease.
              if (job.attempt === 1) {
                const until = Date.now() + 3 * leaseMs;
                while (Date.now() < until) {}
              }
            },
          },
        },
        { log },
      );
      await queue.enqueue("hold", {}, { id: "hold-1" });
      const started = Date.now();
      while (attempts.length < 2 || (await queue.get("hold-1"))?.state !== "done") {
        if (Date.now() - started > 20_000) throw new Error(`attempts ${attempts.join(", ")}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(attempts).toEqual([1, 2]);
      expect(warnings).toContainEqual({
        details: { job: "hold-1", leaseMs },
        message: "a job's lease expired without its worker; it will run again",
      });
      await worker.stop();
    } finally {
      await queue.close();
    }
  }, 30_000);
});
