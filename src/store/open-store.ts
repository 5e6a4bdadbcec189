import type { DatabaseTarget } from "../config.js";
import { createConversationRepository } from "./conversation-repository.js";
import { describeTarget, openDatabase } from "./database.js";
import { createJobRepository } from "./job-repository.js";
import { createKnowledgeRepository } from "./knowledge-repository.js";
import { createMemoryRepository } from "./memory-repository.js";
import { migrateToLatest } from "./migrations.js";
import type { Store } from "./store.js";
import { createTalkRepository } from "./talk-repository.js";
import { createTwinRepository } from "./twin-repository.js";

/**
 * Opens the database, brings its schema up to date and returns the repositories over it. Throws a StorageError
 * naming the file or server when the database cannot be opened or migrated.
 */
export async function openStore(target: DatabaseTarget): Promise<Store> {
  const db = await openDatabase(target);
  try {
    await migrateToLatest(db, describeTarget(target));
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    twins: createTwinRepository(db),
    memories: createMemoryRepository(db),
    conversations: createConversationRepository(db),
    talks: createTalkRepository(db),
    knowledge: createKnowledgeRepository(db),
    jobs: createJobRepository(db),
    close() {
      // Closing twice (say, on a signal and again on exit) must not fail.
      closing ??= db.destroy();
      return closing;
    },
  };
}
