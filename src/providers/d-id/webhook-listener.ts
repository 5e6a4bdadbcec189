import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { DidWebhookCall, DidWebhooks } from "./did-webhooks.js";

const MAX_BODY_BYTES = 256 * 1024;
const ROUTE = /^\/webhooks\/d-id\/([A-Za-z0-9-]+)$/;

/** Reads a webhook request into the framework-free call; undefined when it is not a D-ID webhook route. */
export async function webhookCallFrom(
  request: IncomingMessage,
): Promise<DidWebhookCall | "too-large" | undefined> {
  const url = new URL(request.url ?? "/", "http://localhost");
  const waitId = ROUTE.exec(url.pathname)?.[1];
  if (request.method !== "POST" || !waitId) return undefined;
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return "too-large";
    chunks.push(chunk as Buffer);
  }
  let body: unknown = null;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    // The body is only a hint; the talk is confirmed with D-ID either way.
  }
  return { waitId, token: url.searchParams.get("token") ?? undefined, body };
}

/** A `node:http` request handler for the webhook route, for any plain server (and the listener below). */
export function webhookRequestHandler(webhooks: DidWebhooks) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const call = await webhookCallFrom(request).catch(() => undefined);
    const answer =
      call === "too-large"
        ? { status: 413, body: { error: "body too large" } }
        : call
          ? await webhooks.handle(call)
          : { status: 404, body: { error: "not found" } };
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(JSON.stringify(answer.body));
  };
}

/**
 * A bare `node:http` server for D-ID webhooks, for when no web server runs (the CLI): started on demand by the
 * renderer while talks are out, stopped when none are. It never keeps the process alive on its own.
 */
export class WebhookListener {
  private server: Server | undefined;
  private starting: Promise<boolean> | undefined;
  private users = 0;

  constructor(
    private readonly webhooks: DidWebhooks,
    private readonly address: { host: string; port: number },
  ) {}

  /** Starts listening if no one does yet; false when the port is taken (then polling alone finishes the talk). */
  async acquire(): Promise<boolean> {
    this.users++;
    this.starting ??= this.start();
    return this.starting;
  }

  async release(): Promise<void> {
    this.users = Math.max(0, this.users - 1);
    if (this.users > 0 || !this.starting) return;
    const server = this.server;
    this.server = undefined;
    this.starting = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private start(): Promise<boolean> {
    const server = createServer(webhookRequestHandler(this.webhooks));
    return new Promise((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(this.address.port, this.address.host, () => {
        server.unref();
        this.server = server;
        resolve(true);
      });
    });
  }
}
