import type { Kysely, Selectable } from "kysely";
import type { ClaimedJob, JobRecord, JobRepository, JobState } from "./job-records.js";
import type { Database } from "./schema.js";
import { isUniqueViolation } from "./sql-errors.js";
import type { JobTable } from "./talk-job-schema.js";

/** How many due jobs a claim looks at; more than one so racing workers mostly pick different jobs. */
const CLAIM_WINDOW = 8;

/**
 * The jobs table. Claiming is "select a few candidates, then a conditional UPDATE on one": portable to SQLite and
 * PostgreSQL (no SKIP LOCKED), and exactly one of several racing workers wins each job.
 */
export function createJobRepository(db: Kysely<Database>): JobRepository {
  const get = async (id: string) => {
    const row = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toRecord(row);
  };
  const changed = (result: { numUpdatedRows: bigint }) => result.numUpdatedRows > 0n;
  const later = (ms: number) => new Date(Date.now() + ms).toISOString();

  async function take(row: JobTable, owner: string, leaseMs: number, now: string) {
    const expired = row.state === "running";
    const exhausted = expired && row.attempts >= row.max_attempts;
    const result = await db
      .updateTable("jobs")
      .set(
        exhausted
          ? { state: "failed", lease_owner: null, lease_expires_at: null, updated_at: now }
          : {
              state: "running",
              attempts: row.attempts + 1,
              lease_owner: owner,
              lease_expires_at: later(leaseMs),
              updated_at: now,
            },
      )
      .set(exhausted ? { last_error: "its worker stopped responding on the last attempt" } : {})
      .where("id", "=", row.id)
      .where("state", "=", row.state)
      .where("attempts", "=", row.attempts)
      .where((where) => (expired ? where("lease_expires_at", "<", now) : where("run_at", "<=", now)))
      .executeTakeFirst();
    if (!changed(result)) return undefined;
    const job = await get(row.id);
    return job && { job, exhausted };
  }

  return {
    async insert(job) {
      const now = new Date().toISOString();
      try {
        await db
          .insertInto("jobs")
          .values({
            id: job.id,
            kind: job.kind,
            payload: JSON.stringify(job.payload),
            state: "queued",
            attempts: 0,
            max_attempts: job.maxAttempts,
            base_delay_ms: job.baseDelayMs,
            max_delay_ms: job.maxDelayMs,
            run_at: job.runAt.toISOString(),
            lease_owner: null,
            lease_expires_at: null,
            last_error: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return { job: (await get(job.id)) as JobRecord, created: false };
      }
      return { job: (await get(job.id)) as JobRecord, created: true };
    },

    get,

    async claim(kinds, owner, leaseMs): Promise<ClaimedJob | undefined> {
      if (kinds.length === 0) return undefined;
      const now = new Date().toISOString();
      const candidates = await db
        .selectFrom("jobs")
        .selectAll()
        .where("kind", "in", kinds)
        .where((where) =>
          where.or([
            where.and([where("state", "=", "queued"), where("run_at", "<=", now)]),
            where.and([where("state", "=", "running"), where("lease_expires_at", "<", now)]),
          ]),
        )
        .orderBy("run_at")
        .limit(CLAIM_WINDOW)
        .execute();
      // Start at a random candidate so workers polling together do not all fight over the first.
      const offset = Math.floor(Math.random() * candidates.length);
      for (let index = 0; index < candidates.length; index++) {
        const row = candidates[(index + offset) % candidates.length] as JobTable;
        const claimed = await take(row, owner, leaseMs, now);
        if (claimed) return claimed;
      }
      return undefined;
    },

    async heartbeat(id, owner, leaseMs) {
      const result = await db
        .updateTable("jobs")
        .set({ lease_expires_at: later(leaseMs) })
        .where("id", "=", id)
        .where("state", "=", "running")
        .where("lease_owner", "=", owner)
        .executeTakeFirst();
      return changed(result);
    },

    async complete(id, owner) {
      const result = await db
        .updateTable("jobs")
        .set({
          state: "done",
          lease_owner: null,
          lease_expires_at: null,
          updated_at: new Date().toISOString(),
        })
        .where("id", "=", id)
        .where("state", "=", "running")
        .where("lease_owner", "=", owner)
        .executeTakeFirst();
      return changed(result);
    },

    async fail(id, owner, error, retryAt) {
      const now = new Date().toISOString();
      const result = await db
        .updateTable("jobs")
        .set({
          state: retryAt ? "queued" : "failed",
          run_at: retryAt ? retryAt.toISOString() : now,
          lease_owner: null,
          lease_expires_at: null,
          last_error: error,
          updated_at: now,
        })
        .where("id", "=", id)
        .where("state", "=", "running")
        .where("lease_owner", "=", owner)
        .executeTakeFirst();
      return changed(result);
    },

    async retry(id) {
      const now = new Date().toISOString();
      const result = await db
        .updateTable("jobs")
        .set({ state: "queued", attempts: 0, run_at: now, updated_at: now })
        .where("id", "=", id)
        .where("state", "=", "failed")
        .executeTakeFirst();
      return changed(result);
    },
  };
}

function toRecord(row: Selectable<JobTable>): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload),
    state: row.state as JobState,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    baseDelayMs: row.base_delay_ms,
    maxDelayMs: row.max_delay_ms,
    runAt: row.run_at,
    leaseOwner: row.lease_owner ?? undefined,
    lastError: row.last_error ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
