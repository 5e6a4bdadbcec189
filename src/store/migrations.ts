import { type Kysely, type Migration, Migrator, sql } from "kysely";
import { StorageError } from "../core/errors.js";
import { knowledgeMigration } from "./knowledge-migration.js";
import { oneLine } from "./sql-errors.js";

/**
 * Every schema change, in order of name. Never edit one that has shipped: add the next. Each takes `Kysely<unknown>`
 * because a migration describes the schema of its own time, not today's `Database` type.
 */
export const migrations: Record<string, Migration> = {
  "0001-twins-memories-conversations": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("twins")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("name", "text", (column) => column.notNull())
        .addColumn("persona", "text", (column) => column.notNull())
        .addColumn("voice", "text", (column) => column.notNull())
        .addColumn("face", "text", (column) => column.notNull())
        .addColumn("created_at", "text", (column) => column.notNull())
        .addColumn("updated_at", "text", (column) => column.notNull())
        .execute();
      await db.schema
        .createTable("memories")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("twin_id", "text", (column) => column.notNull().references("twins.id").onDelete("cascade"))
        .addColumn("text", "text", (column) => column.notNull())
        .addColumn("created_at", "text", (column) => column.notNull())
        .execute();
      await db.schema.createIndex("memories_twin_id").on("memories").column("twin_id").execute();
      await db.schema
        .createTable("conversations")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("twin_id", "text", (column) => column.notNull().references("twins.id").onDelete("cascade"))
        .addColumn("created_at", "text", (column) => column.notNull())
        .addColumn("updated_at", "text", (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex("conversations_twin_id_updated_at")
        .on("conversations")
        .columns(["twin_id", "updated_at"])
        .execute();
      await db.schema
        .createTable("turns")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("conversation_id", "text", (column) =>
          column.notNull().references("conversations.id").onDelete("cascade"),
        )
        .addColumn("seq", "integer", (column) => column.notNull())
        .addColumn("role", "text", (column) => column.notNull())
        .addColumn("text", "text", (column) => column.notNull())
        .addColumn("status", "text", (column) => column.notNull())
        .addColumn("created_at", "text", (column) => column.notNull())
        // Also the index for reading a conversation's turns in order.
        .addUniqueConstraint("turns_conversation_id_seq", ["conversation_id", "seq"])
        .execute();
    },
  },
  "0002-talks-and-jobs": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("talks")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("status", "text", (column) => column.notNull())
        .addColumn("source_url", "text", (column) => column.notNull())
        .addColumn("request", "text", (column) => column.notNull())
        .addColumn("idempotency_key", "text", (column) => column.unique())
        .addColumn("result_key", "text", (column) => column.notNull())
        .addColumn("result_file", "text")
        .addColumn("duration", "real")
        .addColumn("error", "text")
        .addColumn("created_at", "text", (column) => column.notNull())
        .addColumn("started_at", "text")
        .addColumn("modified_at", "text", (column) => column.notNull())
        .addColumn("webhook_delivered_at", "text")
        .execute();
      await db.schema.createIndex("talks_created_at").on("talks").column("created_at").execute();
      await db.schema
        .createTable("jobs")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("kind", "text", (column) => column.notNull())
        .addColumn("payload", "text", (column) => column.notNull())
        .addColumn("state", "text", (column) => column.notNull())
        .addColumn("attempts", "integer", (column) => column.notNull())
        .addColumn("max_attempts", "integer", (column) => column.notNull())
        .addColumn("base_delay_ms", "integer", (column) => column.notNull())
        .addColumn("max_delay_ms", "integer", (column) => column.notNull())
        .addColumn("run_at", "text", (column) => column.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_expires_at", "text")
        .addColumn("last_error", "text")
        .addColumn("created_at", "text", (column) => column.notNull())
        .addColumn("updated_at", "text", (column) => column.notNull())
        .execute();
      // Claiming scans queued jobs by due time and running jobs by lease expiry.
      await db.schema.createIndex("jobs_state_run_at").on("jobs").columns(["state", "run_at"]).execute();
    },
  },
  "0003-talk-progress": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("talks").addColumn("progress", "real").execute();
    },
  },
  "0004-knowledge-documents": knowledgeMigration,
  "0005-twin-motion": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("twins").addColumn("motion", "text").execute();
    },
  },
};

/**
 * Brings the schema up to date; a no-op when it already is. `description` names the database in errors. Fails with a
 * StorageError when a migration fails or the database was migrated by a newer version that knows more migrations.
 */
export async function migrateToLatest<Schema>(db: Kysely<Schema>, description: string): Promise<void> {
  if (await upToDate(db)) return;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) {
    throw new StorageError(`cannot migrate ${description} (${oneLine(error)})`, { cause: error });
  }
}

/**
 * True when exactly the known migrations are recorded as done: one query, where the Migrator first reads every
 * table's columns (a tenth of `aitwin ask`'s start). Anything else (a new database, a pending or unknown migration,
 * a failing query) is left to the Migrator, which migrates or reports it as before.
 */
async function upToDate<Schema>(db: Kysely<Schema>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const done = new Set(rows.map((row) => row.name));
    const known = Object.keys(migrations);
    return done.size === known.length && known.every((name) => done.has(name));
  } catch {
    return false;
  }
}
