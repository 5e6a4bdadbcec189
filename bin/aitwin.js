#!/usr/bin/env node
// The package's command. The TypeScript sources are compiled to dist/ by `npm ci` (the prepare script).
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write("aitwin: not built yet; run `npm ci` (or `npm run build`) in the project folder\n");
  process.exit(1);
}
const bundle = askBundle();
if (bundle) {
  const { loadCachedBundle } = await import("../dist/cli/cached-bundle.js");
  const loaded = loadCachedBundle(bundle);
  process.exitCode = await loaded.exports.main(process.argv);
  loaded.saveCache();
} else {
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv);
}

/**
 * `aitwin ask` runs from its bundle (one file instead of some 500 modules, started from V8's code cache: it starts
 * in well under half the time), when the build made one after the last compile; every other command, and a missing
 * or stale bundle, runs from main.js.
 */
function askBundle() {
  if (process.argv[2] !== "ask") return undefined;
  const bundle = fileURLToPath(new URL("../dist/cli/ask-bundle/ask-main.cjs", import.meta.url));
  const built = statSync(bundle, { throwIfNoEntry: false });
  return built && built.mtimeMs >= statSync(fileURLToPath(entry)).mtimeMs ? bundle : undefined;
}
