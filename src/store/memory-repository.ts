import type { Kysely, Selectable } from "kysely";
import { BadInputError, NotFoundError } from "../core/errors.js";
import type { Memory } from "../core/twin.js";
import { sortableId } from "./ids.js";
import type { Database, MemoryTable } from "./schema.js";
import { isForeignKeyViolation } from "./sql-errors.js";
import type { MemoryRepository } from "./store.js";

/** The memories table behind the MemoryRepository contract. */
export function createMemoryRepository(db: Kysely<Database>): MemoryRepository {
  return {
    async add(twinId, text) {
      const trimmed = text.trim();
      if (trimmed === "") throw new BadInputError("a memory's text must not be empty");
      const memory: Memory = {
        id: sortableId("mem_"),
        twinId,
        text: trimmed,
        createdAt: new Date().toISOString(),
      };
      try {
        await db
          .insertInto("memories")
          .values({ id: memory.id, twin_id: twinId, text: memory.text, created_at: memory.createdAt })
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new NotFoundError(`no twin with id ${JSON.stringify(twinId)}`, { cause: error });
        }
        throw error;
      }
      return memory;
    },

    async list(twinId) {
      // Ids are time-ordered and monotonic, so they keep insertion order even within one millisecond.
      const rows = await db
        .selectFrom("memories")
        .selectAll()
        .where("twin_id", "=", twinId)
        .orderBy("id")
        .execute();
      return rows.map(toMemory);
    },

    async remove(twinId, memoryId) {
      const result = await db
        .deleteFrom("memories")
        .where("id", "=", memoryId)
        .where("twin_id", "=", twinId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

function toMemory(row: Selectable<MemoryTable>): Memory {
  return { id: row.id, twinId: row.twin_id, text: row.text, createdAt: row.created_at };
}
