import { afterAll, beforeAll, describe } from "vitest";
import { openStore } from "./open-store.js";
import { knowledgeRepositoryTests } from "./test-support/knowledge-tests.js";
import { postgresUnavailable, startTestPostgres, type TestPostgres } from "./test-support/postgres-server.js";
import { storeSuite } from "./test-support/store-suite.js";
import { talkRepositoryTests } from "./test-support/talk-tests.js";

const unavailable = postgresUnavailable();
let postgres: TestPostgres | undefined;
beforeAll(async () => {
  if (!unavailable) postgres = await startTestPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

const open = async () => {
  if (!postgres) throw new Error("PostgreSQL did not start");
  return openStore({ kind: "postgres", url: await postgres.freshDatabase() });
};

describe.skipIf(unavailable)(`PostgreSQL (${unavailable ?? "available"})`, () => {
  storeSuite("PostgreSQL", open);
  talkRepositoryTests("PostgreSQL", open);
  knowledgeRepositoryTests("PostgreSQL", open);
});
