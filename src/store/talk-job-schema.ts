/** The tables added by migration 0002, as kysely sees them (same portable types as `schema.ts`). */
export interface TalkTable {
  /** Time-ordered (see `sortableId`), so ordering by id is creation order. */
  id: string;
  status: string;
  source_url: string;
  /** JSON of a `TalkSpec`: what to render and whom to tell. */
  request: string;
  /** The client's Idempotency-Key, when it sent one; unique. */
  idempotency_key: string | null;
  /** Random part of the result's URL, so a result can be fetched without the API key, as from D-ID's S3. */
  result_key: string;
  result_file: string | null;
  duration: number | null;
  /** JSON of `{kind, description}`. */
  error: string | null;
  created_at: string;
  started_at: string | null;
  modified_at: string;
  webhook_delivered_at: string | null;
  /** Share of the render done, 0..1, while started (migration 0003): how workers elsewhere report progress. */
  progress: number | null;
}

export interface JobTable {
  id: string;
  kind: string;
  /** JSON. */
  payload: string;
  state: string;
  /** Attempts started so far, including one whose worker died. */
  attempts: number;
  max_attempts: number;
  base_delay_ms: number;
  max_delay_ms: number;
  /** When a queued job may next run (retries wait here). */
  run_at: string;
  lease_owner: string | null;
  lease_expires_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}
