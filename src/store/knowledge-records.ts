import type { KnowledgeDocument, Passage, PassageHit } from "../core/knowledge.js";

export interface NewKnowledgeDocument {
  name: string;
  kind: KnowledgeDocument["kind"];
}

/** A twin's imported documents, split into passages, with a full-text index over the passages. */
export interface KnowledgeRepository {
  /**
   * Stores a document and its passages in one transaction: all of it or nothing. BadInputError when there are no
   * passages or the name is empty; NotFoundError when there is no such twin.
   */
  addDocument(twinId: string, document: NewKnowledgeDocument, passages: string[]): Promise<KnowledgeDocument>;
  /** Oldest first. */
  listDocuments(twinId: string): Promise<KnowledgeDocument[]>;
  /** In document order; empty when the twin has no such document. */
  passages(twinId: string, documentId: string): Promise<Passage[]>;
  /** False when the twin has no such document. */
  removeDocument(twinId: string, documentId: string): Promise<boolean>;
  /**
   * Passages holding ANY of the query's words, best first (bm25 on SQLite, ts_rank on PostgreSQL), at most `limit`.
   * Words in so many passages that ranking them would cost more than the rest of the query are left out
   * (`wordsWithinBudget`) when the rarer words alone fill `limit`; otherwise the whole query is ranked. SQLite counts
   * matches on its index; PostgreSQL estimates them from its statistics once ANALYZE has run.
   */
  search(twinId: string, query: string, limit: number): Promise<PassageHit[]>;
}
