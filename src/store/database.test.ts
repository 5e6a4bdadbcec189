import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { StorageError } from "../core/errors.js";
import { openDatabase } from "./database.js";
import { migrations } from "./migrations.js";
import { openStore } from "./open-store.js";

const directory = mkdtempSync(join(tmpdir(), "aitwin-database-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function storageError(path: string): Promise<StorageError> {
  const error = await openStore({ kind: "sqlite", path }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

describe("SQLite database", () => {
  it("creates missing parent folders and keeps data across close and reopen", async () => {
    const path = join(directory, "nested", "deeper", "aitwin.sqlite");
    const first = await openStore({ kind: "sqlite", path });
    const twin = await first.twins.create({
      id: "default",
      name: "Ada",
      persona: { facts: ["I like tea."] },
    });
    await first.memories.add(twin.id, "likes tea");
    const conversation = await first.conversations.create(twin.id);
    await first.conversations.addTurn(conversation.id, { role: "user", text: "hi" });
    await first.close();
    await first.close();

    const second = await openStore({ kind: "sqlite", path });
    expect(await second.twins.require("default")).toEqual(twin);
    expect((await second.memories.list(twin.id)).map((memory) => memory.text)).toEqual(["likes tea"]);
    // Numbering continues where the first process stopped.
    await second.conversations.addTurn(conversation.id, { role: "twin", text: "hello" });
    expect((await second.conversations.turns(conversation.id)).map((turn) => turn.text)).toEqual([
      "hi",
      "hello",
    ]);
    await second.close();
  });

  it("runs each migration once however often the file is opened", async () => {
    const path = join(directory, "migrated.sqlite");
    for (let index = 0; index < 3; index++) await (await openStore({ kind: "sqlite", path })).close();
    const db = await openDatabase({ kind: "sqlite", path });
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(migrations));
    await db.destroy();
  });

  it("uses WAL, foreign keys and a busy timeout", async () => {
    const db = await openDatabase({ kind: "sqlite", path: join(directory, "pragmas.sqlite") });
    const value = async (pragma: string) =>
      Object.values((await sql.raw(`pragma ${pragma}`).execute(db)).rows[0] ?? {});
    expect(await value("journal_mode")).toEqual(["wal"]);
    expect(await value("foreign_keys")).toEqual([1]);
    expect(await value("busy_timeout")).toEqual([5000]);
    await db.destroy();
  });

  it.each([
    ["random bytes", randomBytes(8192)],
    ["text", Buffer.from("these are my notes, not a database\n".repeat(200))],
  ])("reports a file of %s as not a database, naming it, and leaves it alone", async (_, content) => {
    const path = join(directory, `not-a-database-${content.length}.sqlite`);
    writeFileSync(path, content);
    const error = await storageError(path);
    expect(error.message).toBe(
      `database file ${path} is not a valid SQLite database (file is not a database)`,
    );
    expect(readFileSync(path).equals(content)).toBe(true);
  });

  it("reports a path it cannot open, naming it", async () => {
    const path = join(directory, "a-folder");
    mkdirSync(path);
    const error = await storageError(path);
    expect(error.message).toMatch(/^cannot open database file .+ \(.+\)$/);
    expect(error.message).toContain(`file ${path} (`);
  });

  it("refuses an empty file instead of starting a new database over it, and keeps the file", async () => {
    const path = join(directory, "emptied.sqlite");
    writeFileSync(path, "");
    const error = await storageError(path);
    expect(error.message).toBe(
      `database file ${path} is empty (0 bytes): restore it from a backup, or delete it to start afresh`,
    );
    expect(readFileSync(path).byteLength).toBe(0);
  });

  it("refuses a database migrated by a newer version", async () => {
    const path = join(directory, "newer.sqlite");
    await (await openStore({ kind: "sqlite", path })).close();
    const db = await openDatabase({ kind: "sqlite", path });
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '')`.execute(db);
    await db.destroy();
    const error = await storageError(path);
    expect(error.message).toMatch(/^cannot migrate database file .+ \(.*9999-from-the-future.*\)$/);
    expect(error.message).toContain(`file ${path} (`);
  });
});
