import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig, parseConfig } from "./config.js";
import { ConfigError } from "./core/errors.js";

describe("configuration", () => {
  it("has working defaults: loopback, port 8080, SQLite in the data dir", () => {
    const config = parseConfig({ AITWIN_DATA_DIR: "/srv/twin" });
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 8080,
      dataDir: "/srv/twin",
      modelsDir: "/srv/twin/models",
      database: { kind: "sqlite", path: "/srv/twin/aitwin.sqlite" },
      redisUrl: undefined,
    });
    expect(parseConfig({ XDG_DATA_HOME: "/home/x/.data" }).dataDir).toBe("/home/x/.data/aitwin");
  });

  it("reads PostgreSQL and SQLite database URLs", () => {
    expect(parseConfig({ DATABASE_URL: "postgres://u:p@localhost/db" }).database).toEqual({
      kind: "postgres",
      url: "postgres://u:p@localhost/db",
    });
    expect(parseConfig({ DATABASE_URL: "sqlite:/tmp/x.db" }).database).toEqual({
      kind: "sqlite",
      path: "/tmp/x.db",
    });
  });

  it("names the variable at fault and never echoes a secret", () => {
    const attempt = () => parseConfig({ PORT: "eighty", OPENAI_BASE_URL: "not a url sk-secret-value" });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/OPENAI_BASE_URL must be a URL/);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain("sk-secret-value");
    }
  });

  it("treats empty variables as unset", () => {
    expect(parseConfig({ OPENAI_API_KEY: "", REDIS_URL: " " })).toMatchObject({
      openai: { apiKey: undefined },
      redisUrl: undefined,
    });
  });

  describe(".env", () => {
    const saved = { ...process.env };
    let directory: string | undefined;
    afterEach(() => {
      process.env = { ...saved };
      if (directory) rmSync(directory, { recursive: true, force: true });
    });

    it("is read when present, and the real environment wins", () => {
      directory = mkdtempSync(join(tmpdir(), "aitwin-env-"));
      writeFileSync(join(directory, ".env"), "PORT=9090\nAITWIN_LLM_MODEL=from-file\n");
      process.env.AITWIN_LLM_MODEL = "from-environment";
      const config = loadConfig(directory);
      expect(config.port).toBe(9090);
      expect(config.openai.model).toBe("from-environment");
    });
  });
});
