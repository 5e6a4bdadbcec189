import type { KnowledgeDocumentTable, PassageTable } from "./knowledge-schema.js";
import type { TurnRole, TurnStatus } from "./store.js";
import type { JobTable, TalkTable } from "./talk-job-schema.js";

export type { JobTable, TalkTable };

/**
 * The tables as kysely sees them. Only portable column types: JSON is stored as text and timestamps as ISO 8601
 * strings, so the same queries run on SQLite and PostgreSQL.
 */
export interface Database {
  twins: TwinTable;
  memories: MemoryTable;
  conversations: ConversationTable;
  turns: TurnTable;
  talks: TalkTable;
  jobs: JobTable;
  knowledge_documents: KnowledgeDocumentTable;
  passages: PassageTable;
}

export interface TwinTable {
  id: string;
  name: string;
  /** JSON of a `Persona`. */
  persona: string;
  /** JSON of a `VoiceChoice`. */
  voice: string;
  /** JSON of a `FaceChoice`. */
  face: string;
  /** JSON of a `FaceMotion`; null for twins made before it existed. */
  motion: string | null;
  created_at: string;
  updated_at: string;
}

export interface MemoryTable {
  /** Time-ordered (see `sortableId`), so ordering by id is insertion order. */
  id: string;
  twin_id: string;
  text: string;
  created_at: string;
}

export interface ConversationTable {
  /** Time-ordered (see `sortableId`). */
  id: string;
  twin_id: string;
  created_at: string;
  updated_at: string;
}

export interface TurnTable {
  id: string;
  conversation_id: string;
  /** 1, 2, 3, … within a conversation; the order of the turns. */
  seq: number;
  role: TurnRole;
  text: string;
  status: TurnStatus;
  created_at: string;
}
