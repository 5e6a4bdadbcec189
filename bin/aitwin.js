#!/usr/bin/env node
// The package's command. The TypeScript sources are compiled to dist/ by `npm ci` (the prepare script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write("aitwin: not built yet; run `npm ci` (or `npm run build`) in the project folder\n");
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
