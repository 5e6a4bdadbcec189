import { isAscii } from "node:buffer";
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import vm from "node:vm";

/** What a CommonJS bundle loaded by `loadCachedBundle` exports, and how to keep its compiled code for next time. */
export interface CachedBundle<Exports> {
  exports: Exports;
  /** Whether V8 took the compiled code kept from an earlier run instead of compiling the bundle's source. */
  cacheUsed: boolean;
  /**
   * Keeps V8's compiled code for the next start, once the bundle has run (so the functions this run compiled are in
   * it). Only when no valid cache was used; best effort: a read-only install just starts slower.
   */
  saveCache(): void;
}

/** The name under which a bundle loaded here finds `import()` for packages: esbuild's output is rewritten to it. */
export const BUNDLE_IMPORT = "__aitwinImport";

/** Where the compiled code of `bundle` is kept: beside it, as `<bundle>.v8cache`. */
export function cacheFileOf(bundle: string): string {
  return `${bundle}.v8cache`;
}

/**
 * Loads a CommonJS bundle the way Node's `require` would, but compiled through `vm.Script` with V8's code cache: the
 * first run compiles the source and keeps the compiled code beside the bundle, later runs start from that code and
 * skip parsing it (about 70 ms for the 1.4 MB ask bundle on this machine). Node 20 has no built-in compile cache for
 * modules (that came in Node 22).
 *
 * V8 checks that a cache was made by the same V8 version and flags, but of the source it checks only the length, so
 * the cache starts with a hash of the bundle's source and Node's version, and one made for other source is never
 * given to V8. A rejected or mismatched cache is only a slower start; `saveCache` then replaces it.
 */
export function loadCachedBundle<Exports>(bundle: string): CachedBundle<Exports> {
  const bytes = readFileSync(bundle);
  const stamp = createHash("sha256").update(process.version).update("\0").update(bytes).digest();
  // An ASCII file (as build-ask-bundle.ts writes it) becomes a one-byte string at once; UTF-8 would be decoded.
  const source = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
  const cached = readCache(cacheFileOf(bundle), stamp);
  // The wrapper Node puts around a CommonJS module, so the bundle sees exports, require and its own file name, and
  // one more argument: the bundle's `import()` of packages (ES modules only, such as node-llama-cpp) is rewritten to
  // call it. A `vm.Script` cannot import by itself without an experimental option, which Node 20 also loses when
  // the script comes from a code cache.
  const wrapped = `(function (exports, require, module, __filename, __dirname, ${BUNDLE_IMPORT}) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: bundle, cachedData: cached });
  const cacheUsed = cached !== undefined && script.cachedDataRejected === false;
  const module = { exports: {} as Exports };
  const importPackage = (specifier: string) => import(specifier);
  script.runInThisContext()(
    module.exports,
    createRequire(bundle),
    module,
    bundle,
    dirname(bundle),
    importPackage,
  );
  return {
    exports: module.exports,
    cacheUsed,
    saveCache() {
      if (cacheUsed) return;
      const file = cacheFileOf(bundle);
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, Buffer.concat([stamp, script.createCachedData()]));
        // Renamed into place, so a start running at the same moment reads a whole cache or none.
        renameSync(temporary, file);
      } catch {
        // A read-only install or a full disk: the next start compiles again, nothing else changes.
      }
    },
  };
}

/** The V8 code in `file` if it was made from this very source by this Node; otherwise none. */
function readCache(file: string, stamp: Buffer): Buffer | undefined {
  let kept: Buffer;
  try {
    kept = readFileSync(file);
  } catch {
    return undefined;
  }
  const matches = kept.length > stamp.length && kept.subarray(0, stamp.length).equals(stamp);
  return matches ? kept.subarray(stamp.length) : undefined;
}
