import type { KnowledgeDocument } from "../core/knowledge.js";

/**
 * The imported documents and their passages. The full-text index beside `passages` is dialect-specific and not a
 * kysely table: an FTS5 table `passages_fts` kept in sync by triggers on SQLite, a generated `search` tsvector column
 * with a GIN index on PostgreSQL (see migration 0004).
 */
export interface KnowledgeDocumentTable {
  /** Time-ordered (see `sortableId`), so ordering by id is import order. */
  id: string;
  twin_id: string;
  name: string;
  kind: KnowledgeDocument["kind"];
  passage_count: number;
  characters: number;
  created_at: string;
}

export interface PassageTable {
  id: string;
  document_id: string;
  /** Repeated from the document so a search filters by twin without a join. */
  twin_id: string;
  ordinal: number;
  text: string;
}
