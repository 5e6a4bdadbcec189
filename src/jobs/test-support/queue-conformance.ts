import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseTarget } from "../../config.js";
import { BadInputError, ConflictError } from "../../core/errors.js";
import { openStore } from "../../store/open-store.js";
import type { Store } from "../../store/store.js";
import { stderrJobLog } from "../job-log.js";
import type { JobContext, JobDefinitions, JobQueue } from "../job-queue.js";
import { openJobQueue } from "../open-queue.js";
import { eventually } from "./waiting.js";

/** Where a suite's queues live: a fresh database (and, for BullMQ, a fresh Redis prefix) per test. */
export interface QueueTarget {
  database: DatabaseTarget;
  queue: { redisUrl?: string; prefix?: string; leaseMs: number; pollMs?: number };
}

const hangingWorker = fileURLToPath(new URL("./hanging-worker.ts", import.meta.url));
const fast = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 };

/**
 * The JobQueue contract, run against each implementation: `target()` must name an empty backend. Queues opened on
 * one target are peers, as processes on many machines would be.
 */
export function queueConformance(name: string, target: () => Promise<QueueTarget>): void {
  describe(`JobQueue conformance: ${name}`, () => {
    const opened: { store: Store; queue: JobQueue }[] = [];
    afterEach(async () => {
      for (const { store, queue } of opened.splice(0)) {
        await queue.close();
        await store.close();
      }
    });
    const open = async (where: QueueTarget) => {
      const store = await openStore(where.database);
      const queue = await openJobQueue({ jobs: store.jobs, ...where.queue });
      opened.push({ store, queue });
      return queue;
    };
    const recorder = () => {
      const runs: JobContext[] = [];
      const failures: { id: string; error: string }[] = [];
      return {
        runs,
        failures,
        failed: async (job: JobContext, error: string) => void failures.push({ id: job.id, error }),
      };
    };

    it("runs a job once with its payload and reports it done", async () => {
      const queue = await open(await target());
      const { runs } = recorder();
      const submitted = await queue.enqueue("greet", { name: "Ada", tags: [1, 2] }, { id: "job-1" });
      expect(submitted).toMatchObject({ id: "job-1", kind: "greet", state: "queued", attempts: 0 });
      queue.work({ greet: { run: async (job) => void runs.push(job) } });
      const done = await eventually("job done", async () => (await queue.get("job-1"))?.state === "done");
      expect(done).toBe(true);
      expect(runs.map((job) => [job.id, job.payload, job.attempt])).toEqual([
        ["job-1", { name: "Ada", tags: [1, 2] }, 1],
      ]);
      expect(await queue.get("no-such-job")).toBeUndefined();
    });

    it("takes a job id as an idempotency key: submitting again changes nothing", async () => {
      const queue = await open(await target());
      const { runs } = recorder();
      await queue.enqueue("greet", { n: 1 }, { id: "same" });
      const again = await queue.enqueue("greet", { n: 2 }, { id: "same" });
      expect(again.id).toBe("same");
      queue.work({ greet: { run: async (job) => void runs.push(job) } });
      await eventually("job done", async () => (await queue.get("same"))?.state === "done");
      await queue.enqueue("greet", { n: 3 }, { id: "same" });
      expect((await queue.get("same"))?.state).toBe("done");
      expect(runs.map((job) => job.payload)).toEqual([{ n: 1 }]);
    });

    it("retries a failing job with backoff until it succeeds", async () => {
      const queue = await open(await target());
      const { runs, failures, failed } = recorder();
      queue.work({
        flaky: {
          async run(job) {
            runs.push(job);
            if (job.attempt < 3) throw new Error(`blip ${job.attempt}`);
          },
          failed,
        },
      });
      await queue.enqueue("flaky", {}, { id: "flaky-1", retry: fast });
      await eventually("job done", async () => (await queue.get("flaky-1"))?.state === "done");
      expect(runs.map((job) => job.attempt)).toEqual([1, 2, 3]);
      expect(failures).toEqual([]);
    });

    it("fails at once on a permanent error, tells the kind once, and can be retried", async () => {
      const queue = await open(await target());
      const { runs, failures, failed } = recorder();
      let healed = false;
      queue.work({
        picky: {
          async run(job) {
            runs.push(job);
            if (!healed) throw new BadInputError("no face found in the photo");
          },
          failed,
        },
      });
      await queue.enqueue("picky", {}, { id: "picky-1", retry: fast });
      const failedJob = await eventually("job failed", async () => {
        const job = await queue.get("picky-1");
        return job?.state === "failed" && failures.length > 0 && job;
      });
      expect(failedJob).toMatchObject({ attempts: 1, lastError: "no face found in the photo" });
      expect(failures).toEqual([{ id: "picky-1", error: "no face found in the photo" }]);
      healed = true;
      expect((await queue.retry("picky-1")).state).not.toBe("failed");
      await eventually("retried job done", async () => (await queue.get("picky-1"))?.state === "done");
      expect(runs).toHaveLength(2);
      await expect(queue.retry("picky-1")).rejects.toBeInstanceOf(ConflictError);
    });

    it("fails a job whose attempts are used up, telling the kind once", async () => {
      const queue = await open(await target());
      const { runs, failures, failed } = recorder();
      queue.work({
        doomed: {
          async run(job) {
            runs.push(job);
            throw new Error("still broken");
          },
          failed,
        },
      });
      await queue.enqueue("doomed", {}, { id: "doomed-1", retry: fast });
      await eventually("failure reported", async () => failures.length > 0);
      expect(await queue.get("doomed-1")).toMatchObject({
        state: "failed",
        attempts: 3,
        lastError: "still broken",
      });
      expect(runs.map((job) => job.attempt)).toEqual([1, 2, 3]);
      expect(failures).toEqual([{ id: "doomed-1", error: "still broken" }]);
    });

    it("finishes the job of a worker killed mid-job on another worker", async () => {
      const where = await target();
      const queue = await open(where);
      await queue.enqueue("hang", { n: 1 }, { id: "orphan-1", retry: fast });
      const child = spawn(process.execPath, ["--import", "tsx", hangingWorker], {
        env: { ...process.env, AITWIN_TEST_QUEUE: JSON.stringify(where) },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      await eventually("the child to take the job", async () => output.includes("started orphan-1"));
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
      const { runs } = recorder();
      const definitions: JobDefinitions = { hang: { run: async (job) => void runs.push(job) } };
      queue.work(definitions);
      await eventually(
        "the job done by the survivor",
        async () => (await queue.get("orphan-1"))?.state === "done",
      );
      expect(runs.map((job) => [job.id, job.attempt])).toEqual([["orphan-1", 2]]);
    });

    it("logs each failed attempt as a warning and the job that gives up as an error, with secrets scrubbed", async () => {
      const queue = await open(await target());
      const lines: Record<string, unknown>[] = [];
      const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
      const log = stderrJobLog((text) => text.replaceAll("sk-secret-key", "[redacted]"), destination);
      queue.work(
        {
          flaky: {
            run: async () => {
              throw new Error("upstream said no to sk-secret-key");
            },
          },
        },
        { log },
      );
      await queue.enqueue("flaky", {}, { id: "flaky-1", retry: { ...fast, maxAttempts: 2 } });
      await eventually("two attempts logged", async () => lines.length >= 2);
      expect(lines.map((line) => [line.level, line.msg, line.job, line.attempt])).toEqual([
        [40, "job attempt failed; it will run again", "flaky-1", 1],
        [50, "job failed", "flaky-1", 2],
      ]);
      expect(JSON.stringify(lines)).not.toContain("sk-secret-key");
      expect(lines[1]?.error).toBe("upstream said no to [redacted]");
    });
  });
}
