import { Command } from "commander";
import { BadInputError } from "../../core/errors.js";
import { useScratchDir } from "../../talks/scratch-dir.js";
import { openTalkRuntime } from "../../talks/talk-runtime.js";
import type { CliContext } from "../context.js";

/** `aitwin worker`: renders talks and delivers their webhooks, from the shared queue, until SIGTERM drains it. */
export function workerCommand(context: CliContext): Command {
  return new Command("worker")
    .description("render worker for scale-out: takes talk jobs from the database (or Redis with REDIS_URL)")
    .option("--concurrency <n>", "talks rendered at once", "1")
    .option("--lease-seconds <s>", "how long a job stays this worker's without a heartbeat", "30")
    .action(async (options: { concurrency: string; leaseSeconds: string }) => {
      const concurrency = Number(options.concurrency);
      const leaseSeconds = Number(options.leaseSeconds);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
        throw new BadInputError("--concurrency must be a whole number from 1 to 64");
      }
      if (!(leaseSeconds >= 0.5 && leaseSeconds <= 3600))
        throw new BadInputError("--lease-seconds must be 0.5–3600");
      const config = context.config();
      const scratch = await useScratchDir(config.dataDir);
      const app = await context.app();
      const runtime = await openTalkRuntime(app, { queue: { leaseMs: leaseSeconds * 1000, pollMs: 250 } });
      const worker = runtime.work(concurrency);
      context.output.out(`aitwin worker ${process.pid} is taking jobs (${runtime.queue.backend} queue)\n`);
      await new Promise<void>((resolve, reject) => {
        const stop = () => {
          process.off("SIGTERM", stop);
          process.off("SIGINT", stop);
          context.output.out("finishing the jobs in hand, then stopping\n");
          // A failure while stopping ends the command with its error, never as an unhandled rejection.
          worker
            .stop()
            .then(() => runtime.close())
            .then(() => scratch.remove())
            .then(resolve, reject);
        };
        process.on("SIGTERM", stop);
        process.on("SIGINT", stop);
      });
    });
}
