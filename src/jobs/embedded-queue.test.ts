import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import {
  postgresUnavailable,
  startTestPostgres,
  type TestPostgres,
} from "../store/test-support/postgres-server.js";
import { queueConformance } from "./test-support/queue-conformance.js";

const directory = mkdtempSync(join(tmpdir(), "aitwin-jobs-"));
let count = 0;
// A short lease so a killed worker's job is recovered within a second or two.
const queue = { leaseMs: 1000, pollMs: 50 };

queueConformance("embedded runner on SQLite", async () => ({
  database: { kind: "sqlite", path: join(directory, `${++count}.sqlite`) },
  queue,
}));

const unavailable = postgresUnavailable();
let postgres: TestPostgres | undefined;
beforeAll(async () => {
  if (!unavailable) postgres = await startTestPostgres();
});
afterAll(async () => {
  await postgres?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe.skipIf(unavailable)(`on PostgreSQL (${unavailable ?? "available"})`, () => {
  queueConformance("embedded runner on PostgreSQL", async () => {
    if (!postgres) throw new Error("PostgreSQL did not start");
    return { database: { kind: "postgres", url: await postgres.freshDatabase() }, queue };
  });
});
