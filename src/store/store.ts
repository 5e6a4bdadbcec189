import type { FaceMotion } from "../core/face-motion.js";
import type { FaceChoice, Memory, Persona, TwinProfile, VoiceChoice } from "../core/twin.js";
import type { JobRepository } from "./job-records.js";
import type { KnowledgeRepository } from "./knowledge-records.js";
import type { TalkRepository } from "./talk-records.js";

export interface NewTwin {
  /** Chosen id (e.g. "default"); generated when absent. Letters, digits, "-" and "_" only. */
  id?: string;
  name: string;
  persona?: Partial<Persona>;
  voice?: VoiceChoice;
  face?: FaceChoice;
  motion?: FaceMotion;
}

export interface TwinPatch {
  name?: string;
  persona?: Partial<Persona>;
  voice?: VoiceChoice;
  face?: FaceChoice;
  /** Fields given replace the twin's; the others are kept. */
  motion?: FaceMotion;
}

export interface TwinRepository {
  create(input: NewTwin): Promise<TwinProfile>;
  get(id: string): Promise<TwinProfile | undefined>;
  /** Like `get`, but a NotFoundError naming the id when there is none. */
  require(id: string): Promise<TwinProfile>;
  list(): Promise<TwinProfile[]>;
  update(id: string, patch: TwinPatch): Promise<TwinProfile>;
  delete(id: string): Promise<void>;
}

export interface MemoryRepository {
  add(twinId: string, text: string): Promise<Memory>;
  /** Oldest first. */
  list(twinId: string): Promise<Memory[]>;
  remove(twinId: string, memoryId: string): Promise<boolean>;
}

export interface Conversation {
  id: string;
  twinId: string;
  createdAt: string;
  updatedAt: string;
}

export type TurnRole = "user" | "twin";
export type TurnStatus = "complete" | "interrupted" | "error";

export interface Turn {
  id: string;
  conversationId: string;
  role: TurnRole;
  text: string;
  status: TurnStatus;
  createdAt: string;
}

export interface NewTurn {
  role: TurnRole;
  text: string;
  status?: TurnStatus;
}

export interface ConversationRepository {
  create(twinId: string): Promise<Conversation>;
  get(id: string): Promise<Conversation | undefined>;
  require(id: string): Promise<Conversation>;
  /** Newest first. */
  list(twinId: string): Promise<Conversation[]>;
  latest(twinId: string): Promise<Conversation | undefined>;
  addTurn(conversationId: string, turn: NewTurn): Promise<Turn>;
  /**
   * The listener cut off the twin's last reply after it was fully written (it was still being played): marks that
   * reply interrupted. False when the conversation's last turn is not the twin's.
   */
  markLastReplyInterrupted(conversationId: string): Promise<boolean>;
  /** Oldest first; with `limit`, the most recent `limit` turns (still oldest first). */
  turns(conversationId: string, limit?: number): Promise<Turn[]>;
}

/** All persistent state. One implementation over kysely runs on SQLite and PostgreSQL alike. */
export interface Store {
  readonly twins: TwinRepository;
  readonly memories: MemoryRepository;
  readonly conversations: ConversationRepository;
  readonly talks: TalkRepository;
  /** Imported documents, their passages and the full-text index over them. */
  readonly knowledge: KnowledgeRepository;
  /** The embedded job runner's table (`src/jobs/embedded-queue.ts`). */
  readonly jobs: JobRepository;
  close(): Promise<void>;
}
