import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { closeServer } from "../../openai/test-support/fake-openai.js";
import type { DidTalk, DidTalkStatus } from "../did-talk.js";
import { routeTalks } from "./fake-did-talks.js";
import { fakeMp4 } from "./fake-mp4.js";

export interface DidErrorReply {
  status: number;
  body?: { kind: string; description: string };
}

/** A talk as the fake keeps it: D-ID's object plus what was asked for. */
export interface FakeTalk extends DidTalk {
  source_url: string;
  script: { type: string; input: string; provider?: { type: string; voice_id: string } };
  webhook?: string;
}

export interface WebhookDelivery {
  url: string;
  talkId: string;
  status: number;
  answer: unknown;
}

export interface ReceivedDidRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  json?: Record<string, unknown>;
  form?: FormData;
}

export interface FakeDidOptions {
  apiKey: string;
  /** "on-poll": each GET of a talk moves it one step (created → started → done); "manual": only `advance`. */
  lifecycle?: "on-poll" | "manual";
  /** How talks end: D-ID's `done`, `error`, or `rejected` (moderation). */
  outcome?: "done" | "error" | "rejected";
  /** False: D-ID never calls back, whatever the talk asked. */
  callWebhooks?: boolean;
}

/** A loopback D-ID: `/images`, `/talks` with its lifecycle and webhooks, `/credits`, and expiring result URLs. */
export async function startFakeDid(options: FakeDidOptions) {
  const requests: ReceivedDidRequest[] = [];
  const talks = new Map<string, FakeTalk>();
  const images = new Map<string, Uint8Array>();
  const failures = new Map<string, DidErrorReply[]>();
  const deliveries: WebhookDelivery[] = [];
  const downloads: ReceivedDidRequest[] = [];
  const settings = { lifecycle: "on-poll", outcome: "done", callWebhooks: true, ...options } as const;
  let baseURL = "";

  const fake = {
    get baseURL() {
      return baseURL;
    },
    requests,
    talks,
    images,
    deliveries,
    downloads,
    settings,
    /** The next requests matching "METHOD /path" ("/talks/:id" for any talk) get these errors first. */
    failNext(route: string, ...replies: DidErrorReply[]) {
      failures.set(route, [...(failures.get(route) ?? []), ...replies]);
    },
    /** Moves a talk one step on; reaching its end sends the webhook (when asked for and allowed). */
    async advance(id: string): Promise<void> {
      const talk = talks.get(id);
      if (!talk) throw new Error(`no talk ${id}`);
      if (talk.status === "created") {
        talk.status = "started";
        talk.started_at = new Date().toISOString();
        return;
      }
      if (talk.status !== "started") return;
      finish(talk);
      if (talk.webhook && settings.callWebhooks) await fake.sendWebhook(id);
    },
    /** POSTs the talk to its webhook, as D-ID does when it ends; `url` overrides it (a forged or replayed call). */
    async sendWebhook(id: string, url?: string): Promise<WebhookDelivery> {
      const talk = talks.get(id);
      const target = url ?? talk?.webhook;
      if (!talk || !target) throw new Error(`talk ${id} has no webhook`);
      const response = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(talk),
      });
      const answer = await response.json().catch(() => undefined);
      const delivery = { url: target, talkId: id, status: response.status, answer };
      deliveries.push(delivery);
      return delivery;
    },
    close: () => closeServer(server),
  };

  function finish(talk: FakeTalk) {
    talk.status = settings.outcome as DidTalkStatus;
    if (talk.status === "done") {
      // Pre-signed and expiring, as D-ID's S3 links are.
      talk.result_url = `${baseURL}/results/${talk.id}.mp4?X-Amz-Expires=3600&X-Amz-Signature=${randomBytes(8).toString("hex")}`;
      talk.duration = 2.4;
    } else if (talk.status === "error") {
      talk.error = { kind: "InternalServerError", description: "Internal Server Error" };
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      reply(response, 500, { kind: "InternalServerError", description: String(error) }),
    );
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://fake");
    const received: ReceivedDidRequest = {
      method: request.method ?? "GET",
      path: url.pathname,
      headers: request.headers,
    };
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const type = request.headers["content-type"] ?? "";
    if (type.startsWith("application/json")) received.json = JSON.parse(raw.toString("utf8"));
    if (type.startsWith("multipart/form-data"))
      received.form = await new Response(raw, { headers: { "content-type": type } }).formData();
    const result = /^\/results\/(.+)\.mp4$/.exec(url.pathname);
    if (result && request.method === "GET") {
      // The storage host: no D-ID auth, only the signed URL.
      downloads.push(received);
      if (talks.get(result[1] ?? "")?.status !== "done")
        return reply(response, 403, { kind: "AccessDenied", description: "Request has expired" });
      response.writeHead(200, { "content-type": "video/mp4" });
      return response.end(fakeMp4(512, 512));
    }
    requests.push(received);
    const route = `${received.method} ${url.pathname.replace(/^\/talks\/[^/]+$/, "/talks/:id")}`;
    const scripted = failures.get(route)?.shift();
    if (scripted)
      return reply(
        response,
        scripted.status,
        scripted.body ?? { kind: "InternalServerError", description: "Internal Server Error" },
      );
    const auth = /^(Basic|Bearer) (.+)$/.exec(request.headers.authorization ?? "");
    if (auth?.[2] !== settings.apiKey)
      return reply(response, 401, { kind: "AuthorizationError", description: "Unauthorized" });
    return routeTalks({ received, response, talks, images, settings, advance: fake.advance, baseURL, reply });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

export type FakeDid = Awaited<ReturnType<typeof startFakeDid>>;

export function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
