import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";
import { openStore } from "./open-store.js";
import type { Store } from "./store.js";
import { postgresUnavailable, startTestPostgres, type TestPostgres } from "./test-support/postgres-server.js";

const COMMON = Array.from({ length: 1700 }, (_, index) => `The harbour was busy on day ${index}.`);
const RARE = [
  "The lighthouse keeper at the harbour taught me knots.",
  "A lighthouse keeper's life is quiet.",
];

/** A twin whose log has one word in 1,700 passages and two rare ones in 2: ranking needs only the rare ones. */
async function harbourTwin(store: Store): Promise<string> {
  const twin = await store.twins.create({ name: "Ada" });
  await store.knowledge.addDocument(twin.id, { name: "log.txt", kind: "text" }, [...COMMON, ...RARE]);
  return twin.id;
}

const scores = async (store: Store, twinId: string, query: string, limit: number) =>
  (await store.knowledge.search(twinId, query, limit)).map((hit) => [hit.text, hit.score]);

describe("search leaves out a word too common to be worth ranking, when the rarer words fill the limit", () => {
  it("on SQLite, from match counts on the FTS5 index", async () => {
    const directory = mkdtempSync(join(tmpdir(), "aitwin-prune-"));
    const store = await openStore({ kind: "sqlite", path: join(directory, "db.sqlite") });
    try {
      const twin = await harbourTwin(store);
      // Ranked without "harbour": the same scores as the query without it.
      expect(await scores(store, twin, "harbour lighthouse keeper", 2)).toEqual(
        await scores(store, twin, "lighthouse keeper", 2),
      );
      // The rare words cannot fill 5: the whole query is ranked, "harbour" included.
      const five = await store.knowledge.search(twin, "harbour lighthouse keeper", 5);
      expect(five).toHaveLength(5);
      expect(
        five
          .slice(0, 2)
          .map((hit) => hit.text)
          .sort(),
      ).toEqual([...RARE].sort());
    } finally {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  const unavailable = postgresUnavailable();
  describe.skipIf(unavailable)(`on PostgreSQL, from its statistics (${unavailable ?? "available"})`, () => {
    let postgres: TestPostgres | undefined;
    beforeAll(async () => {
      postgres = await startTestPostgres();
    });
    afterAll(async () => {
      await postgres?.stop();
    });

    it("ranks everything until ANALYZE has run, then only with the rarer words", async () => {
      if (!postgres) throw new Error("PostgreSQL did not start");
      const url = await postgres.freshDatabase();
      const store = await openStore({ kind: "postgres", url });
      const db = await openDatabase({ kind: "postgres", url });
      try {
        const twin = await harbourTwin(store);
        const pruned = await scores(store, twin, "lighthouse keeper", 2);
        expect(await scores(store, twin, "harbour lighthouse keeper", 2)).not.toEqual(pruned);
        await sql`analyze passages`.execute(db);
        expect(await scores(store, twin, "harbour lighthouse keeper", 2)).toEqual(pruned);
        expect(await store.knowledge.search(twin, "harbour lighthouse keeper", 5)).toHaveLength(5);
        expect(await store.knowledge.search(twin, "harbour", 3)).toHaveLength(3);
        expect(await store.knowledge.search(twin, "the harbour", 3)).toHaveLength(3);
      } finally {
        await db.destroy();
        await store.close();
      }
    });
  });
});
