import type { Kysely, Selectable } from "kysely";
import { BadInputError, NotFoundError } from "../core/errors.js";
import { sortableId } from "./ids.js";
import type { ConversationTable, Database, TurnTable } from "./schema.js";
import { isForeignKeyViolation } from "./sql-errors.js";
import type { Conversation, ConversationRepository, Turn } from "./store.js";

/**
 * The conversations and turns tables behind the ConversationRepository contract. "Newest" means most recently
 * active: adding a turn moves a conversation to the front of `list` and makes it the `latest`.
 */
export function createConversationRepository(db: Kysely<Database>): ConversationRepository {
  async function get(id: string): Promise<Conversation | undefined> {
    const row = await db.selectFrom("conversations").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toConversation(row);
  }

  function newestFirst(twinId: string) {
    // Ids are time-ordered, so they break ties between conversations active in the same millisecond.
    return db
      .selectFrom("conversations")
      .selectAll()
      .where("twin_id", "=", twinId)
      .orderBy("updated_at", "desc")
      .orderBy("id", "desc");
  }

  return {
    async create(twinId) {
      const now = new Date().toISOString();
      const conversation: Conversation = { id: sortableId("conv_"), twinId, createdAt: now, updatedAt: now };
      try {
        await db
          .insertInto("conversations")
          .values({ id: conversation.id, twin_id: twinId, created_at: now, updated_at: now })
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new NotFoundError(`no twin with id ${JSON.stringify(twinId)}`, { cause: error });
        }
        throw error;
      }
      return conversation;
    },

    get,

    async require(id) {
      const conversation = await get(id);
      if (conversation === undefined) throw notFound(id);
      return conversation;
    },

    async list(twinId) {
      return (await newestFirst(twinId).execute()).map(toConversation);
    },

    async latest(twinId) {
      const row = await newestFirst(twinId).limit(1).executeTakeFirst();
      return row && toConversation(row);
    },

    async addTurn(conversationId, input) {
      return db.transaction().execute(async (transaction) => {
        const now = new Date().toISOString();
        // Touching the conversation first takes its row lock, so concurrent turns get distinct, ordered seq numbers.
        const touched = await transaction
          .updateTable("conversations")
          .set({ updated_at: now })
          .where("id", "=", conversationId)
          .executeTakeFirst();
        if (touched.numUpdatedRows === 0n) throw notFound(conversationId);
        const { last } = await transaction
          .selectFrom("turns")
          .select((expression) => expression.fn.max("seq").as("last"))
          .where("conversation_id", "=", conversationId)
          .executeTakeFirstOrThrow();
        const turn: Turn = {
          id: sortableId("turn_"),
          conversationId,
          role: input.role,
          text: input.text,
          status: input.status ?? "complete",
          createdAt: now,
        };
        await transaction
          .insertInto("turns")
          .values({
            id: turn.id,
            conversation_id: conversationId,
            seq: (last ?? 0) + 1,
            role: turn.role,
            text: turn.text,
            status: turn.status,
            created_at: now,
          })
          .execute();
        return turn;
      });
    },

    async markLastReplyInterrupted(conversationId) {
      const last = await db
        .selectFrom("turns")
        .select(["id", "role"])
        .where("conversation_id", "=", conversationId)
        .orderBy("seq", "desc")
        .limit(1)
        .executeTakeFirst();
      if (last?.role !== "twin") return false;
      await db.updateTable("turns").set({ status: "interrupted" }).where("id", "=", last.id).execute();
      return true;
    },

    async turns(conversationId, limit) {
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
        throw new BadInputError(`a turn limit must be a whole number of at least 0, not ${limit}`);
      }
      const query = db.selectFrom("turns").selectAll().where("conversation_id", "=", conversationId);
      if (limit === undefined) return (await query.orderBy("seq").execute()).map(toTurn);
      const recent = await query.orderBy("seq", "desc").limit(limit).execute();
      return recent.reverse().map(toTurn);
    },
  };
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`no conversation with id ${JSON.stringify(id)}`);
}

function toConversation(row: Selectable<ConversationTable>): Conversation {
  return { id: row.id, twinId: row.twin_id, createdAt: row.created_at, updatedAt: row.updated_at };
}

function toTurn(row: Selectable<TurnTable>): Turn {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    role: row.role,
    text: row.text,
    status: row.status,
    createdAt: row.created_at,
  };
}
