import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CatalogueEntry } from "../../models/catalogue.js";
import { createCliContext } from "../context.js";
import { runCli, tempDataDir } from "../test-support/run-cli.js";
import { modelsCommand, progressBar } from "./models.js";

const body = Buffer.alloc(50_000, 7);
let server: Server;
let catalogue: CatalogueEntry[];
beforeAll(async () => {
  server = createServer((_request, response) =>
    response.writeHead(200, { "content-length": body.length }).end(body),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tiny.bin`;
  const entry = {
    kind: "speech-to-text",
    url,
    bytes: body.length,
    licence: "MIT",
    description: "test",
  } as const;
  catalogue = [
    {
      ...entry,
      name: "pinned",
      file: "ggml-pinned.bin",
      sha256: createHash("sha256").update(body).digest("hex"),
    },
    { ...entry, name: "unpinned", file: "ggml-unpinned.bin" },
    { ...entry, name: "wrong", file: "ggml-wrong.bin", sha256: "f".repeat(64) },
  ];
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function models(dataDir: string, args: string[]) {
  let stdout = "";
  let stderr = "";
  const context = createCliContext({
    env: { AITWIN_DATA_DIR: dataDir },
    interactive: false,
    output: {
      out: (text) => {
        stdout += text;
      },
      err: (text) => {
        stderr += text;
      },
    },
  });
  await context.prepare();
  const command = modelsCommand(context, catalogue).exitOverride();
  const error = await command.parseAsync(args, { from: "user" }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { stdout, stderr, error };
}

describe("aitwin models", () => {
  it("lists the real catalogue with sizes and licences", async () => {
    const result = await runCli(tempDataDir(), ["models", "list", "--json"]);
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout);
    expect(listed.models.map((model: { name: string }) => model.name)).toEqual(
      expect.arrayContaining(["whisper-base.en", "qwen2.5-0.5b-instruct"]),
    );
    for (const model of listed.models) {
      expect(model.url).toMatch(/^https:\/\//);
      expect(model.bytes).toBeGreaterThan(1_000_000);
      if (model.kind === "speech-to-text") expect(model.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(model.installed).toBe(false);
    }
  });

  it("pulls a model from the server into the models dir, verified", async () => {
    const dataDir = tempDataDir();
    const result = await models(dataDir, ["pull", "pinned"]);
    expect(result.error).toBeUndefined();
    expect(result.stdout).toMatch(/pulled pinned into .*ggml-pinned\.bin \(0 MB\); SHA-256 verified/);
    expect(readFileSync(join(dataDir, "models", "ggml-pinned.bin")).equals(body)).toBe(true);
    expect((await models(dataDir, ["pull", "pinned"])).stdout).toMatch(/already in/);
    expect((await models(dataDir, ["list"])).stdout).toMatch(/✓ pinned/);
  });

  it("prints the digest of a model the catalogue does not pin", async () => {
    const result = await models(tempDataDir(), ["pull", "unpinned"]);
    expect(result.stdout).toContain(`SHA-256 ${createHash("sha256").update(body).digest("hex")} (not pinned`);
  });

  it("keeps nothing when the checksum does not match, and refuses unknown names", async () => {
    const dataDir = tempDataDir();
    const result = await models(dataDir, ["pull", "wrong"]);
    expect((result.error as Error).message).toMatch(/checksum mismatch/);
    expect(existsSync(join(dataDir, "models", "ggml-wrong.bin"))).toBe(false);
    const unknown = await runCli(dataDir, ["models", "pull", "gpt-5"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown model gpt-5; one of: whisper-tiny\.en/);
  });

  it("draws a progress bar", () => {
    expect(progressBar(50, 200, 10)).toBe("[###-------]  25%  0 MB/0 MB");
    expect(progressBar(3_000_000, undefined)).toBe("3 MB");
  });
});
