/**
 * A worker process that dies in the middle of a job: it takes one job of kind "hang", says so on stdout, and never
 * finishes it; the test then kills it with SIGKILL. Run with `node --import tsx`, configured by AITWIN_TEST_QUEUE.
 */
import { openStore } from "../../store/open-store.js";
import { openJobQueue } from "../open-queue.js";
import type { QueueTarget } from "./queue-conformance.js";

const target = JSON.parse(process.env.AITWIN_TEST_QUEUE ?? "{}") as QueueTarget;
const store = await openStore(target.database);
const queue = await openJobQueue({ jobs: store.jobs, ...target.queue });
queue.work({
  hang: {
    async run(job) {
      process.stdout.write(`started ${job.id}\n`);
      await new Promise(() => {});
    },
  },
});
process.stdout.write("ready\n");
