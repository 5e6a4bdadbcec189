import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type App, openApp } from "../../app/app.js";
import { parseConfig } from "../../config.js";
import { buildServer, type ServerOptions } from "../app-server.js";

export const TEST_KEY = "s3cret-owner-key";

export interface KeyedServer {
  app: App;
  server: FastifyInstance;
  dataDir: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The server as an exposed install runs it: `AITWIN_API_KEY` set, listening on loopback, a fresh data dir. The
 * rate limit is raised so tests that send hundreds of requests meet the checks under test, not 429.
 */
export async function startKeyedServer(
  env: Record<string, string> = {},
  options: ServerOptions = {},
): Promise<KeyedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "aitwin-keyed-"));
  const app = await openApp(parseConfig({ AITWIN_DATA_DIR: dataDir, AITWIN_API_KEY: TEST_KEY, ...env }));
  const server = await buildServer(app, { rateLimit: 1_000_000, ...options });
  await server.listen({ port: 0, host: "127.0.0.1" });
  const port = (server.server.address() as { port: number }).port;
  return {
    app,
    server,
    dataDir,
    port,
    async close() {
      await server.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with the path sent exactly as written (no normalising, no re-encoding), as `curl --path-as-is`. */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  options: {
    headers?: Record<string, string>;
    body?: string | Buffer;
    timeoutMs?: number;
    /** Answer as soon as the status line is in (event streams never end by themselves). */
    statusOnly?: boolean;
  } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        headers: options.headers,
        timeout: options.timeoutMs ?? 10_000,
        // A fresh connection each time: the server closes one after a malformed request.
        agent: false,
      },
      (response) => {
        // Event streams never end by themselves: their status and headers are the answer.
        const eventStream = String(response.headers["content-type"]).startsWith("text/event-stream");
        if (options.statusOnly || eventStream) {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: "" });
          request.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`${method} ${path} timed out`)));
    request.on("error", reject);
    request.end(options.body);
  });
}
