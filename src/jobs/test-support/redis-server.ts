import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { freePort } from "../../store/test-support/postgres-server.js";

/**
 * A Redis for tests: AITWIN_TEST_REDIS_URL when set (CI starts one in `.ci/run`), otherwise a private
 * `redis-server` (Debian) on a free loopback port with persistence off.
 */
export function redisUnavailable(): string | undefined {
  if (process.env.AITWIN_TEST_REDIS_URL) return undefined;
  const found = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  return found.status === 0
    ? undefined
    : "no AITWIN_TEST_REDIS_URL and no redis-server (apt-get install redis-server)";
}

export async function startTestRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.AITWIN_TEST_REDIS_URL;
  if (given) return { url: given, stop: async () => {} };
  const port = await freePort();
  const server: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    server.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve();
    });
    server.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  server.stdout?.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      server.kill("SIGKILL");
    },
  };
}
