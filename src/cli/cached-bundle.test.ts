import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cacheFileOf } from "./cached-bundle.js";

const loader = pathToFileURL(join(import.meta.dirname, "cached-bundle.ts")).href;

/** Loads `bundle` in a fresh Node process (V8 keeps no compiled code between processes), as bin/aitwin.js does. */
function load(bundle: string): { cacheUsed: boolean; answer: unknown } {
  const script = `const { loadCachedBundle } = await import(${JSON.stringify(loader)});
const loaded = loadCachedBundle(${JSON.stringify(bundle)});
const answer = await loaded.exports.answer();
loaded.saveCache();
console.log(JSON.stringify({ cacheUsed: loaded.cacheUsed, answer }));`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 30_000,
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

/**
 * A CommonJS bundle in the shape the ask bundle has: require, its own file name, and `import()` of a package as
 * build-ask-bundle.ts rewrites it.
 */
function bundleSource(value: number): string {
  return `"use strict";
const { basename } = require("node:path");
exports.answer = async () => ({
  value: ${value},
  file: basename(__filename),
  folder: __dirname === require("node:path").dirname(__filename),
  imported: typeof (await __aitwinImport("node:url")).pathToFileURL,
});
`;
}

describe("a bundle loaded through V8's code cache", () => {
  let dir: string;
  let bundle: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "aitwin-cached-bundle-"));
    bundle = join(dir, "bundle.cjs");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("compiles the first time, keeps the compiled code, and starts from it the next time", () => {
    writeFileSync(bundle, bundleSource(1));
    const expected = { value: 1, file: "bundle.cjs", folder: true, imported: "function" };
    expect(load(bundle)).toEqual({ cacheUsed: false, answer: expected });
    expect(existsSync(cacheFileOf(bundle))).toBe(true);
    expect(load(bundle)).toEqual({ cacheUsed: true, answer: expected });
  });

  it("never gives V8 the code of other source, even of the same length (V8 checks only the length)", () => {
    writeFileSync(bundle, bundleSource(1));
    load(bundle);
    writeFileSync(bundle, bundleSource(2));
    expect(load(bundle)).toMatchObject({ cacheUsed: false, answer: { value: 2 } });
    // The cache was replaced by one for the new source.
    expect(load(bundle)).toMatchObject({ cacheUsed: true, answer: { value: 2 } });
  });

  it("runs the source when the kept code is damaged, and replaces it", () => {
    writeFileSync(bundle, bundleSource(3));
    load(bundle);
    const kept = readFileSync(cacheFileOf(bundle));
    // The stamp (32 bytes) still matches; the compiled code after it is garbage, which V8 refuses.
    kept.fill(7, 32);
    writeFileSync(cacheFileOf(bundle), kept);
    expect(load(bundle)).toMatchObject({ cacheUsed: false, answer: { value: 3 } });
    expect(load(bundle)).toMatchObject({ cacheUsed: true, answer: { value: 3 } });
  });
});
