import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, openApp } from "../src/app/app.js";
import { parseConfig } from "../src/config.js";
import { buildServer, type ServerOptions } from "../src/server/app-server.js";

export interface BenchSite {
  app: App;
  base: string;
  close(): Promise<void>;
}

/**
 * `aitwin serve` in this process (its memory is what a load test watches) on a fresh data dir and a free loopback
 * port, with the rate limit out of the way; `env` adds settings to the configuration.
 */
export async function startBenchSite(
  name: string,
  env: NodeJS.ProcessEnv = {},
  options: ServerOptions = {},
): Promise<BenchSite> {
  const dataDir = mkdtempSync(join(tmpdir(), `aitwin-bench-${name}-`));
  const app = await openApp(parseConfig({ ...env, AITWIN_DATA_DIR: dataDir }));
  const server = await buildServer(app, { rateLimit: 1_000_000, speechThread: true, ...options });
  await server.listen({ port: 0, host: "127.0.0.1" });
  const { port } = server.server.address() as { port: number };
  return {
    app,
    base: `http://127.0.0.1:${port}`,
    async close() {
      await server.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
