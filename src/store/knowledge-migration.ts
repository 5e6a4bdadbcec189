import { type Kysely, type Migration, SqliteAdapter, sql } from "kysely";

/**
 * Migration 0004: imported documents, their passages, and a real full-text index over the passages. SQLite gets an
 * external-content FTS5 table (porter stemming over unicode61, diacritics folded) kept in sync by triggers, which
 * also fire on cascaded deletes; PostgreSQL gets a stored generated `tsvector` column with a GIN index.
 */
export const knowledgeMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("knowledge_documents")
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("twin_id", "text", (column) => column.notNull().references("twins.id").onDelete("cascade"))
      .addColumn("name", "text", (column) => column.notNull())
      .addColumn("kind", "text", (column) => column.notNull())
      .addColumn("passage_count", "integer", (column) => column.notNull())
      .addColumn("characters", "integer", (column) => column.notNull())
      .addColumn("created_at", "text", (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex("knowledge_documents_twin_id")
      .on("knowledge_documents")
      .column("twin_id")
      .execute();
    await db.schema
      .createTable("passages")
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("document_id", "text", (column) =>
        column.notNull().references("knowledge_documents.id").onDelete("cascade"),
      )
      .addColumn("twin_id", "text", (column) => column.notNull().references("twins.id").onDelete("cascade"))
      .addColumn("ordinal", "integer", (column) => column.notNull())
      .addColumn("text", "text", (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex("passages_document_id")
      .on("passages")
      .columns(["document_id", "ordinal"])
      .execute();
    if (db.getExecutor().adapter instanceof SqliteAdapter) await sqliteIndex(db);
    else await postgresIndex(db);
  },
};

async function sqliteIndex(db: Kysely<unknown>): Promise<void> {
  await sql`create virtual table passages_fts using fts5(text, content='passages', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`create trigger passages_fts_insert after insert on passages begin
    insert into passages_fts(rowid, text) values (new.rowid, new.text);
  end`.execute(db);
  await sql`create trigger passages_fts_delete after delete on passages begin
    insert into passages_fts(passages_fts, rowid, text) values ('delete', old.rowid, old.text);
  end`.execute(db);
  await sql`create trigger passages_fts_update after update of text on passages begin
    insert into passages_fts(passages_fts, rowid, text) values ('delete', old.rowid, old.text);
    insert into passages_fts(rowid, text) values (new.rowid, new.text);
  end`.execute(db);
}

async function postgresIndex(db: Kysely<unknown>): Promise<void> {
  await sql`alter table passages add column search tsvector generated always as (to_tsvector('english', text)) stored`.execute(
    db,
  );
  await sql`create index passages_search on passages using gin (search)`.execute(db);
}
