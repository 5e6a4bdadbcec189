import { mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import type { DatabaseTarget } from "../config.js";
import { StorageError } from "../core/errors.js";
import type { Database } from "./schema.js";
import { oneLine } from "./sql-errors.js";
import { reportStorageFailures } from "./storage-failures.js";

/** How long a SQLite writer waits for another process's lock before giving up. */
const busyTimeoutMs = 5000;

const require = createRequire(import.meta.url);
let sqliteAddon: string | null | undefined;

/**
 * better-sqlite3's compiled addon, found once. Named directly: by default better-sqlite3 finds it through the
 * `bindings` package, which reads a stack trace and tries a dozen paths (about 15 ms of every `aitwin` start). None
 * when it is not where npm builds it (a debug build), and then better-sqlite3 searches as usual.
 */
function sqliteAddonPath(): string | undefined {
  if (sqliteAddon === undefined) {
    try {
      sqliteAddon = require.resolve("better-sqlite3/build/Release/better_sqlite3.node");
    } catch {
      sqliteAddon = null;
    }
  }
  return sqliteAddon ?? undefined;
}

/**
 * Opens a connection (SQLite) or a pool (PostgreSQL) and checks at once that it is usable, so a corrupt file or an
 * unreachable server is reported as a StorageError naming it, not at the first query. Does not migrate.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Kysely<Database>> {
  return target.kind === "sqlite" ? openSqlite(target.path) : await openPostgres(target.url);
}

/** Names the database for messages: the file path, or the PostgreSQL server and database without credentials. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "sqlite") return `database file ${target.path}`;
  try {
    const url = new URL(target.url);
    return `PostgreSQL database ${url.host}${url.pathname}`;
  } catch {
    return "PostgreSQL database (unparsable DATABASE_URL)";
  }
}

function openSqlite(path: string): Kysely<Database> {
  let connection: BetterSqlite3.Database | undefined;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    // SQLite takes an empty file for a new database; a database that lost its contents (a full disk, a crash) must
    // not silently start over as a twin with no memory.
    if (path !== ":memory:" && statSync(path, { throwIfNoEntry: false })?.size === 0) {
      throw new StorageError(
        `database file ${path} is empty (0 bytes): restore it from a backup, or delete it to start afresh`,
      );
    }
    const addon = sqliteAddonPath();
    connection = new BetterSqlite3(path, addon ? { nativeBinding: addon } : {});
    connection.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // SQLite reads the header lazily; reading the schema makes a file that is not a database fail here.
    connection.prepare("select count(*) from sqlite_master").get();
    // A damaged page in the middle of the file would otherwise be found only by the query that reads it (a 500
    // long after start, while writes elsewhere still succeed): check every page's structure once, at open.
    const problems = connection.pragma("quick_check(3)", { simple: false }) as { quick_check: string }[];
    const found = problems.map((row) => row.quick_check).filter((line) => line !== "ok");
    if (found.length > 0) {
      throw new StorageError(
        `database file ${path} is corrupt (${found.join("; ").replace(/\s+/g, " ")}): restore it from a backup`,
      );
    }
    connection.pragma("journal_mode = WAL");
    connection.pragma("foreign_keys = ON");
  } catch (error) {
    connection?.close();
    if (error instanceof StorageError) throw error;
    throw new StorageError(sqliteProblem(path, error), { cause: error });
  }
  const dialect = new SqliteDialect({ database: connection });
  return new Kysely<Database>({ dialect: reportStorageFailures(dialect, `database file ${path}`) });
}

function sqliteProblem(path: string, error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "SQLITE_NOTADB")
    return `database file ${path} is not a valid SQLite database (${oneLine(error)})`;
  if (code === "SQLITE_CORRUPT") return `database file ${path} is corrupt (${oneLine(error)})`;
  return `cannot open database file ${path} (${oneLine(error)})`;
}

async function openPostgres(url: string): Promise<Kysely<Database>> {
  // Loaded only here so that SQLite users never load the PostgreSQL driver.
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url });
  // A server closing an idle connection emits "error" on the pool, which would otherwise crash the process; the pool
  // replaces the connection and the next query reports any lasting failure.
  pool.on("error", () => {});
  const dialect = reportStorageFailures(
    new PostgresDialect({ pool }),
    describeTarget({ kind: "postgres", url }),
  );
  const db = new Kysely<Database>({ dialect });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    const target = describeTarget({ kind: "postgres", url });
    throw new StorageError(`cannot connect to ${target} (${oneLine(error)})`, { cause: error });
  }
  return db;
}
