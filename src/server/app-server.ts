import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance } from "fastify";
import type { App } from "../app/app.js";
import { installAuth } from "./auth.js";
import { ConversationSessions } from "./conversation-sessions.js";
import { installErrorHandler } from "./error-handler.js";
import { EventHub } from "./event-hub.js";
import { conversationRoutes } from "./routes/conversations.js";
import { didWebhookRoutes } from "./routes/did-webhooks.js";
import { eventRoutes } from "./routes/events.js";
import { healthRoutes } from "./routes/health.js";
import { memoryRoutes } from "./routes/memories.js";
import { pageRoutes } from "./routes/page.js";
import { photoRoutes } from "./routes/photos.js";
import { type TalksApiOptions, talksApi } from "./routes/talks.js";
import { transcriptionRoutes } from "./routes/transcriptions.js";
import { twinRoutes } from "./routes/twins.js";
import { voiceRoutes } from "./routes/voices.js";
import type { ServerContext } from "./server-context.js";

export interface ServerOptions {
  /** Requests per minute per client address before 429. */
  rateLimit?: number;
  /** Request logging (off unless asked for); `logStream` sends it somewhere other than stdout. */
  logger?: boolean;
  logStream?: NodeJS.WritableStream;
  /** The talks API's runtime: queue tuning, and whether this process renders (`inProcessWorker`). */
  talks?: TalksApiOptions;
}

/** The HTTP server: the page, its API and health; every route a thin client of the core app. */
export async function buildServer(app: App, options: ServerOptions = {}): Promise<FastifyInstance> {
  const server = Fastify({
    logger: options.logger
      ? {
          ...(options.logStream && { stream: options.logStream }),
          // Keys and webhook tokens travel in query strings too (a page's SSE URL, D-ID's webhook): never logged.
          serializers: {
            req: (request: { method: string; url: string }) => ({
              method: request.method,
              url: redactQuerySecrets(request.url),
            }),
          },
        }
      : false,
    bodyLimit: 256 * 1024,
    // Closing idle keep-alive sockets lets shutdown finish promptly.
    forceCloseConnections: "idle",
  });
  const hub = new EventHub();
  const context: ServerContext = { app, hub, sessions: new ConversationSessions(app, hub) };
  installErrorHandler(server);
  await server.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        imgSrc: ["'self'", "data:", "blob:"],
        mediaSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        // The page is also opened over plain http on a LAN address (a phone): upgrading would break it.
        upgradeInsecureRequests: null,
      },
    },
  });
  await server.register(rateLimit, {
    max: options.rateLimit ?? 600,
    timeWindow: "1 minute",
    allowList: (request) => request.url === "/healthz",
  });
  installAuth(server, app.config.apiKey, (url) => url === "/healthz" || !url.startsWith("/api/"));
  await server.register(healthRoutes);
  await server.register(didWebhookRoutes);
  for (const routes of [twinRoutes, memoryRoutes, conversationRoutes, eventRoutes, voiceRoutes]) {
    await server.register(routes(context));
  }
  await server.register(photoRoutes(context));
  await server.register(transcriptionRoutes(context));
  await server.register(talksApi(context, options.talks));
  await server.register(pageRoutes());
  return server;
}

/** `?key=…`, `?token=…` and `?api_key=…` values replaced, for logs. */
export function redactQuerySecrets(url: string): string {
  return url.replace(/([?&](?:key|api_key|token)=)[^&#]*/gi, "$1[redacted]");
}
