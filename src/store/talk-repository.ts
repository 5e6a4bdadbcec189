import { randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { sortableId } from "./ids.js";
import type { Database } from "./schema.js";
import { isUniqueViolation } from "./sql-errors.js";
import type { TalkTable } from "./talk-job-schema.js";
import type { TalkRecord, TalkRepository, TalkStatus } from "./talk-records.js";

/**
 * The talks table. Status changes are single conditional UPDATEs, so two workers racing on one talk (a recovered
 * job and a slow original) cannot both move it: the loser sees `false` and stops.
 */
export function createTalkRepository(db: Kysely<Database>): TalkRepository {
  const get = async (id: string) => {
    const row = await db.selectFrom("talks").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toRecord(row);
  };
  const changed = (result: { numUpdatedRows: bigint }) => result.numUpdatedRows > 0n;

  return {
    async create(input) {
      const now = new Date().toISOString();
      const row: TalkTable = {
        id: sortableId("tlk_"),
        status: "created",
        source_url: input.sourceUrl,
        request: JSON.stringify(input.spec),
        idempotency_key: input.idempotencyKey ?? null,
        result_key: randomBytes(16).toString("hex"),
        result_file: null,
        duration: null,
        error: null,
        created_at: now,
        started_at: null,
        modified_at: now,
        webhook_delivered_at: null,
        progress: null,
      };
      try {
        await db.insertInto("talks").values(row).execute();
        return { talk: toRecord(row), created: true };
      } catch (error) {
        if (!isUniqueViolation(error) || input.idempotencyKey === undefined) throw error;
        const existing = await db
          .selectFrom("talks")
          .selectAll()
          .where("idempotency_key", "=", input.idempotencyKey)
          .executeTakeFirstOrThrow();
        return { talk: toRecord(existing), created: false };
      }
    },

    get,

    async list({ limit, before }) {
      let query = db.selectFrom("talks").selectAll().orderBy("id", "desc").limit(limit);
      if (before !== undefined) query = query.where("id", "<", before);
      return (await query.execute()).map(toRecord);
    },

    async delete(id) {
      const talk = await get(id);
      if (talk === undefined) return undefined;
      const result = await db.deleteFrom("talks").where("id", "=", id).executeTakeFirst();
      return result.numDeletedRows > 0n ? talk : undefined;
    },

    async markStarted(id) {
      const now = new Date().toISOString();
      const result = await db
        .updateTable("talks")
        .set((update) => ({
          status: "started",
          error: null,
          progress: 0,
          started_at: update.fn.coalesce("started_at", update.val(now)),
          modified_at: now,
        }))
        .where("id", "=", id)
        .where("status", "!=", "done")
        .executeTakeFirst();
      return changed(result);
    },

    async setProgress(id, progress) {
      const result = await db
        .updateTable("talks")
        .set({ progress: Math.min(1, Math.max(0, progress)) })
        .where("id", "=", id)
        .where("status", "=", "started")
        .executeTakeFirst();
      return changed(result);
    },

    async markDone(id, { resultFile, duration }) {
      const now = new Date().toISOString();
      const result = await db
        .updateTable("talks")
        .set({ status: "done", result_file: resultFile, duration, error: null, modified_at: now })
        .where("id", "=", id)
        .where("status", "=", "started")
        .executeTakeFirst();
      return changed(result);
    },

    async markFailed(id, status, error) {
      const result = await db
        .updateTable("talks")
        .set({ status, error: JSON.stringify(error), modified_at: new Date().toISOString() })
        .where("id", "=", id)
        .where("status", "!=", "done")
        .executeTakeFirst();
      return changed(result);
    },

    async markWebhookDelivered(id) {
      const result = await db
        .updateTable("talks")
        .set({ webhook_delivered_at: new Date().toISOString() })
        .where("id", "=", id)
        .where("webhook_delivered_at", "is", null)
        .executeTakeFirst();
      return changed(result);
    },
  };
}

function toRecord(row: Selectable<TalkTable>): TalkRecord {
  return {
    id: row.id,
    status: row.status as TalkStatus,
    sourceUrl: row.source_url,
    spec: JSON.parse(row.request),
    idempotencyKey: row.idempotency_key ?? undefined,
    resultKey: row.result_key,
    resultFile: row.result_file ?? undefined,
    duration: row.duration ?? undefined,
    error: row.error === null ? undefined : JSON.parse(row.error),
    createdAt: row.created_at,
    startedAt: row.started_at ?? undefined,
    modifiedAt: row.modified_at,
    webhookDeliveredAt: row.webhook_delivered_at ?? undefined,
    progress: row.progress ?? undefined,
  };
}
