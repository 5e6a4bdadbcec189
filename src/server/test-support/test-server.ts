import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type App, openApp } from "../../app/app.js";
import { parseConfig } from "../../config.js";
import { buildServer, type ServerOptions } from "../app-server.js";

/** The app server as `aitwin serve` builds it, on a fresh data dir, for route tests. */
export interface TestServer {
  app: App;
  server: FastifyInstance;
  dataDir: string;
  /** `http://127.0.0.1:<port>` when listening, else undefined (use `server.inject`). */
  base: string | undefined;
  close(): Promise<void>;
}

export interface TestServerOptions extends ServerOptions {
  /** More environment for the configuration (keys, provider URLs); AITWIN_DATA_DIR is set here. */
  env?: NodeJS.ProcessEnv;
  /** Listen on a free loopback port (for fetch, browsers, SSE); otherwise only `server.inject` reaches it. */
  listen?: boolean;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { env = {}, listen = false, ...serverOptions } = options;
  const dataDir = mkdtempSync(join(tmpdir(), "aitwin-server-"));
  const app = await openApp(parseConfig({ ...env, AITWIN_DATA_DIR: dataDir }));
  const server = await buildServer(app, serverOptions);
  let base: string | undefined;
  if (listen) {
    await server.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  }
  return {
    app,
    server,
    dataDir,
    base,
    async close() {
      await server.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
