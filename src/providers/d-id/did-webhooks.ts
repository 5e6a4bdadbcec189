import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { type DidTalk, isFinished } from "./did-talk.js";

/** One webhook call as any HTTP layer sees it: `POST /webhooks/d-id/:waitId?token=…` with the talk as JSON. */
export interface DidWebhookCall {
  waitId: string;
  token: string | undefined;
  body: unknown;
}

export interface DidWebhookAnswer {
  status: 200 | 202 | 400 | 401 | 404 | 409 | 502;
  body: { status?: string; error?: string };
}

/** What the renderer holds while a talk is out: the token to put in the webhook URL, and the confirmed result. */
export interface TalkWait {
  readonly id: string;
  readonly token: string;
  /** Path and query of the webhook, to append to PUBLIC_URL. */
  readonly path: string;
  /** Resolves (never rejects) with the finished talk once a genuine webhook has been confirmed with D-ID. */
  readonly confirmed: Promise<DidTalk>;
  /** Called when D-ID answered `POST /talks`; `confirm` fetches the talk (`GET /talks/{id}`). */
  bind(talkId: string, confirm: (talkId: string) => Promise<DidTalk>): void;
  /** The talk is over (by webhook, polling or failure): later webhooks change nothing. */
  close(): void;
}

interface Entry {
  token: string;
  talkId?: string;
  confirm?: (talkId: string) => Promise<DidTalk>;
  settle: (talk: DidTalk) => void;
  /** One confirmation at a time: concurrent duplicates wait and then see the talk settled. */
  checking?: Promise<DidWebhookAnswer>;
}

const REMEMBERED = 1000;

/**
 * Webhooks for D-ID talks. D-ID signs nothing, so a webhook is only a hint: its per-talk token (compared in constant
 * time) says it came through the URL we gave, and the talk's state is always taken from `GET /talks/{id}`. A talk
 * settles once; replays and late duplicates change nothing. Framework-free: any HTTP server mounts `handle`.
 * No singleton: a server is given one (`ServerOptions.didWebhooks`) and serves it; D-ID renderers given the same
 * (`ProviderContext.didWebhooks`) register their talks there; a renderer given none keeps its own, served by its
 * own listener.
 */
export class DidWebhooks {
  /** Set by a server that routes `/webhooks/d-id/:waitId` to `handle`, so renderers do not listen themselves. */
  mounted = false;
  private readonly pending = new Map<string, Entry>();
  /** Finished waits' tokens, so a replay still gets a valid-token answer ("already handled") and nothing else. */
  private readonly finished = new Map<string, string>();

  expect(): TalkWait {
    const id = randomUUID();
    const token = randomBytes(24).toString("base64url");
    let settle: (talk: DidTalk) => void = () => {};
    const confirmed = new Promise<DidTalk>((resolve) => {
      settle = resolve;
    });
    const entry: Entry = { token, settle };
    this.pending.set(id, entry);
    return {
      id,
      token,
      path: `/webhooks/d-id/${id}?token=${token}`,
      confirmed,
      bind: (talkId, confirm) => Object.assign(entry, { talkId, confirm }),
      close: () => this.finish(id, token),
    };
  }

  async handle(call: DidWebhookCall): Promise<DidWebhookAnswer> {
    const entry = this.pending.get(call.waitId);
    const token = entry?.token ?? this.finished.get(call.waitId);
    if (token === undefined) return { status: 404, body: { error: "no such talk" } };
    if (!sameSecret(call.token ?? "", token)) return { status: 401, body: { error: "invalid token" } };
    if (!entry) return { status: 200, body: { status: "already-handled" } };
    if (!entry.talkId || !entry.confirm) return { status: 409, body: { error: "talk not created yet" } };
    const claimed = (call.body as { id?: unknown } | null)?.id;
    if (claimed !== undefined && claimed !== entry.talkId)
      return { status: 400, body: { error: "wrong talk id" } };
    while (entry.checking) await entry.checking.catch(() => undefined);
    if (!this.pending.has(call.waitId)) return { status: 200, body: { status: "already-handled" } };
    entry.checking = this.confirm(call.waitId, entry);
    try {
      return await entry.checking;
    } finally {
      entry.checking = undefined;
    }
  }

  private async confirm(waitId: string, entry: Entry): Promise<DidWebhookAnswer> {
    let talk: DidTalk;
    try {
      talk = await (entry.confirm as (talkId: string) => Promise<DidTalk>)(entry.talkId as string);
    } catch {
      return { status: 502, body: { error: "could not confirm the talk with D-ID" } };
    }
    // The webhook may claim "done" while D-ID says otherwise (a forgery with a leaked token, or a race): D-ID wins.
    if (!isFinished(talk)) return { status: 202, body: { status: talk.status } };
    this.finish(waitId, entry.token);
    entry.settle(talk);
    return { status: 200, body: { status: talk.status } };
  }

  private finish(waitId: string, token: string): void {
    if (!this.pending.delete(waitId)) return;
    this.finished.set(waitId, token);
    if (this.finished.size > REMEMBERED) this.finished.delete(this.finished.keys().next().value as string);
  }
}

/** Constant-time comparison; hashing first makes the lengths equal, so not even the length leaks. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
