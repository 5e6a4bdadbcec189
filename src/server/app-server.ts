import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import type { App } from "../app/app.js";
import { detectFace } from "../avatar/node/face-detector.js";
import { ThreadedFaceDetector } from "../avatar/node/threaded-face-detector.js";
import type { Synthesizer } from "../core/synthesizer.js";
import { DidWebhooks } from "../providers/d-id/did-webhooks.js";
import { ThreadedSynthesizer } from "../providers/speech-thread/threaded-synthesizer.js";
import { ConversationSessions, MAX_ENGINES } from "./conversation-sessions.js";
import { installErrorHandler } from "./error-handler.js";
import { EventHub } from "./event-hub.js";
import { installRouteAccess, isDidPath } from "./route-access.js";
import { conversationRoutes } from "./routes/conversations.js";
import { didWebhookRoutes } from "./routes/did-webhooks.js";
import { eventRoutes } from "./routes/events.js";
import { healthRoutes } from "./routes/health.js";
import { interviewRoutes } from "./routes/interview.js";
import { knowledgeRoutes } from "./routes/knowledge.js";
import { memoryRoutes } from "./routes/memories.js";
import { pageRoutes } from "./routes/page.js";
import { photoRoutes } from "./routes/photos.js";
import { speechRoutes } from "./routes/speech.js";
import { type TalksApiOptions, talksApi } from "./routes/talks.js";
import { transcriptionRoutes } from "./routes/transcriptions.js";
import { twinRoutes } from "./routes/twins.js";
import { voiceRoutes } from "./routes/voices.js";
import { textScrubber } from "./safe-text.js";
import type { ServerContext } from "./server-context.js";

export interface ServerOptions {
  /** Requests per minute per client address before 429. */
  rateLimit?: number;
  /** Request logging (off unless asked for); `logStream` sends it somewhere other than stdout. */
  logger?: boolean;
  logStream?: NodeJS.WritableStream;
  /** The talks API's runtime: queue tuning, and whether this process renders (`inProcessWorker`). */
  talks?: TalksApiOptions;
  /** A request must arrive whole (headers and body) within this (default 60 s); a stalled upload is cut off. */
  requestTimeoutMs?: number;
  /** The SSE hub (tests publish through their own to drive streams). */
  hub?: EventHub;
  /** Live turns speak through the embedded voice on a thread of its own, off the event loop (`aitwin serve`). */
  speechThread?: boolean;
  /**
   * Photos are landmarked on a thread of their own, started at the first photo, off the event loop (default);
   * false landmarks them in this thread.
   */
  faceThread?: boolean;
  /**
   * Where D-ID talks of this process wait for their webhook, served at `/webhooks/d-id/:waitId`: give the same
   * registry to D-ID renderers (`ProviderContext.didWebhooks`) so they need no listener of their own.
   */
  didWebhooks?: DidWebhooks;
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
    ...requestTimeouts(options.requestTimeoutMs ?? 60_000),
    frameworkErrors: (error, request, reply) => {
      // Bad percent-encoding or an over-long path segment: answered in the family's error shape, path not echoed.
      const status = error.code === "FST_ERR_MAX_PARAM_LENGTH" ? 414 : 400;
      const description = status === 414 ? "the URL is too long" : "the URL is not valid";
      const body = isDidPath(request.url) ? { kind: "ValidationError", description } : { error: description };
      (reply as FastifyReply).status(status).send(body);
    },
    // Closing idle keep-alive sockets lets shutdown finish promptly.
    forceCloseConnections: "idle",
  });
  const hub = options.hub ?? new EventHub();
  const speech = options.speechThread ? threadedSpeech(app) : undefined;
  const sessions = new ConversationSessions(app, hub, MAX_ENGINES, speech?.get);
  const faces = options.faceThread === false ? undefined : new ThreadedFaceDetector();
  const context: ServerContext = {
    app,
    hub,
    sessions,
    speech: speech?.get ?? (() => app.synthesizer()),
    detectFace: faces?.detect ?? detectFace,
  };
  installErrorHandler(server, textScrubber(app.config));
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
    allowList: (request) => request.routeOptions.url === "/healthz",
  });
  // Before any route: every route registered after this, by anyone, is covered (default deny).
  installRouteAccess(server, app.config.apiKey);
  await server.register(healthRoutes);
  await server.register(didWebhookRoutes(options.didWebhooks ?? new DidWebhooks()));
  for (const routes of [
    twinRoutes,
    memoryRoutes,
    interviewRoutes,
    conversationRoutes,
    eventRoutes,
    voiceRoutes,
    speechRoutes,
  ]) {
    await server.register(routes(context));
  }
  await server.register(photoRoutes(context));
  await server.register(knowledgeRoutes(context));
  await server.register(transcriptionRoutes(context));
  await server.register(talksApi(context, options.talks));
  await server.register(pageRoutes());
  if (speech) server.addHook("onClose", () => speech.close());
  if (faces) server.addHook("onClose", () => faces.close());
  return server;
}

/**
 * The app's voice on a thread of its own when it is the embedded, synchronous one (flite); a cloud voice waits on
 * the network, not the CPU, and is used as it is.
 */
function threadedSpeech(app: App) {
  let threaded: Promise<Synthesizer | undefined> | undefined;
  let made: ThreadedSynthesizer | undefined;
  return {
    get: () => {
      threaded ??= app.synthesizer().then((inner) => {
        if (inner?.provider !== "flite") return inner;
        made = new ThreadedSynthesizer(inner);
        return made;
      });
      return threaded;
    },
    close: async () => made?.close(),
  };
}

/**
 * How long a client may take to send a request. Node checks every few seconds at most, so a stalled upload is cut
 * off close to the limit rather than up to 30 s after it.
 */
function requestTimeouts(ms: number) {
  return {
    requestTimeout: ms,
    http: { headersTimeout: ms, connectionsCheckingInterval: Math.max(100, Math.min(5000, ms / 4)) },
  };
}

const SECRET_QUERY_NAMES = new Set(["key", "api_key", "token"]);

/** `?key=…`, `?token=…` and `?api_key=…` values replaced, for logs, whichever way their names are encoded. */
export function redactQuerySecrets(url: string): string {
  const start = url.indexOf("?");
  if (start < 0) return url;
  const pairs = url.slice(start + 1).split("&");
  const redacted = pairs.map((pair) => {
    const equals = pair.indexOf("=");
    const name = equals < 0 ? pair : pair.slice(0, equals);
    return SECRET_QUERY_NAMES.has(decodedName(name)) ? `${name}=[redacted]` : pair;
  });
  return `${url.slice(0, start + 1)}${redacted.join("&")}`;
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " ")).trim().toLowerCase();
  } catch {
    // Undecodable: treat as a secret rather than guess.
    return "key";
  }
}
