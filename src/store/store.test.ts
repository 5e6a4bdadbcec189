import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { openStore } from "./open-store.js";
import { knowledgeRepositoryTests } from "./test-support/knowledge-tests.js";
import { storeSuite } from "./test-support/store-suite.js";
import { talkRepositoryTests } from "./test-support/talk-tests.js";

const directory = mkdtempSync(join(tmpdir(), "aitwin-store-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let count = 0;
storeSuite("SQLite", () => openStore({ kind: "sqlite", path: join(directory, `${++count}.sqlite`) }));
talkRepositoryTests("SQLite", () =>
  openStore({ kind: "sqlite", path: join(directory, `${++count}.sqlite`) }),
);
knowledgeRepositoryTests("SQLite", () =>
  openStore({ kind: "sqlite", path: join(directory, `${++count}.sqlite`) }),
);
