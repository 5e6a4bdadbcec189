import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A PostgreSQL server for tests: AITWIN_TEST_POSTGRES_URL when set (CI starts one in `.ci/run`), otherwise a private
 * cluster in a temporary folder on a free loopback port, from Debian's `postgresql` binaries. Undefined, with the
 * reason, when neither is possible, so tests can skip saying why.
 */
export interface TestPostgres {
  /** A URL to a new, empty database on the server. */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export function postgresUnavailable(): string | undefined {
  if (process.env.AITWIN_TEST_POSTGRES_URL) return undefined;
  return binDir()
    ? undefined
    : "no AITWIN_TEST_POSTGRES_URL and no PostgreSQL binaries (apt-get install postgresql)";
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.AITWIN_TEST_POSTGRES_URL;
  const server = given ? { url: given, stop: async () => {} } : await startPrivateCluster();
  const { default: pg } = await import("pg");
  return {
    async freshDatabase() {
      const name = `aitwin_test_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      try {
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop: server.stop,
  };
}

function binDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => join(root, version, "bin")).find((dir) => existsSync(join(dir, "initdb")));
}

async function startPrivateCluster(): Promise<{ url: string; stop: () => Promise<void> }> {
  const bin = binDir();
  if (!bin) throw new Error(postgresUnavailable());
  const directory = mkdtempSync(join(tmpdir(), "aitwin-pg-"));
  chmodSync(directory, 0o777);
  const data = join(directory, "data");
  const port = await freePort();
  // PostgreSQL refuses to run as root; Debian's package adds a `postgres` user to run it as.
  const asOwner = (command: string, args: string[]) =>
    process.getuid?.() === 0
      ? (["runuser", ["-u", "postgres", "--", command, ...args]] as const)
      : ([command, args] as const);
  const run = (command: string, args: string[]) => {
    const [file, argv] = asOwner(command, args);
    execFileSync(file, argv, { stdio: "pipe" });
  };
  run(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "aitwin", "--no-sync"]);
  const options = `-h 127.0.0.1 -p ${port} -k ${directory} -c fsync=off -c full_page_writes=off`;
  run(join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", join(directory, "log"), "-w", "start"]);
  return {
    url: `postgres://aitwin@127.0.0.1:${port}/postgres`,
    async stop() {
      const [file, argv] = asOwner(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"]);
      spawnSync(file, argv, { stdio: "ignore" });
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
