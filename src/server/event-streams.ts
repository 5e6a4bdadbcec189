import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

const HEARTBEAT_MS = 15_000;
/**
 * Bytes a stream may hold unsent for a client that reads slower than events come (a reply's audio is ~100 KB per
 * sentence). Beyond it the stream is closed: the browser reconnects and replays what it missed with Last-Event-ID,
 * instead of the server buffering without bound.
 */
export const MAX_UNSENT_BYTES = 4 * 1024 * 1024;

export interface EventStream {
  /** Writes one event whose data is already JSON; `id` makes it resumable with Last-Event-ID. Ignored once closed. */
  send(event: string, json: string, id?: number): void;
  /** Runs when the stream ends, whoever ends it (the client, the route, or shutdown). */
  onClose(cleanup: () => void): void;
  close(): void;
}

/**
 * Server-sent event streams of one route plugin. Streams never end by themselves, so all of them are closed before
 * the server waits for its connections to finish (graceful shutdown), and each gets a heartbeat through proxies.
 */
export function eventStreams(server: FastifyInstance, maxUnsent = MAX_UNSENT_BYTES) {
  const open = new Set<() => void>();
  server.addHook("preClose", async () => {
    for (const close of open) close();
  });
  return {
    open(request: FastifyRequest, reply: FastifyReply): EventStream {
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      response.write("retry: 1000\n\n");
      const cleanups: (() => void)[] = [];
      let ended = false;
      const heartbeat = setInterval(() => response.write(": keep-alive\n\n"), HEARTBEAT_MS);
      const close = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        for (const cleanup of cleanups) cleanup();
        open.delete(close);
        response.end();
      };
      open.add(close);
      request.raw.on("close", close);
      return {
        send(event, json, id) {
          if (ended) return;
          if (response.writableLength > maxUnsent) {
            request.log.warn(
              { unsent: response.writableLength },
              "event stream too slow: closed for a replay",
            );
            close();
            return;
          }
          response.write(`${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${json}\n\n`);
        },
        onClose: (cleanup) => cleanups.push(cleanup),
        close,
      };
    },
  };
}
