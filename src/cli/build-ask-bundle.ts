import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build, type Plugin } from "esbuild";
import { BUNDLE_IMPORT, cacheFileOf } from "./cached-bundle.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Where bin/aitwin.js looks for the bundle. */
export const ASK_BUNDLE_DIR = here("../../dist/cli/ask-bundle/");
/** The bundle: one CommonJS file, loaded through V8's code cache (cached-bundle.ts). */
export const ASK_BUNDLE = `${ASK_BUNDLE_DIR}ask-main.cjs`;

/**
 * Defined first in the bundle: the URL of a compiled module's own file in dist/, from its path relative to the
 * bundle. It stands for `import.meta.url`, which CommonJS does not have.
 */
const MODULE_URL = "__aitwinModuleUrl";

/**
 * Packages bundled in: pure JavaScript spread over hundreds of small ES modules (kysely about 260, zod about 95),
 * which Node loads one file at a time. Every other package stays an import from node_modules.
 */
const BUNDLED_PACKAGES = new Set(["kysely", "zod"]);

/**
 * Bundles `aitwin ask` from the compiled dist/ (run after tsc): dist/cli/ask-main.js and everything it loads,
 * statically or lazily, with kysely and zod, into one CommonJS file. CommonJS, because Node 20 can keep V8's
 * compiled code for a script (`vm.Script`'s code cache) but not for an ES module, and compiling the bundle is the
 * largest part of its start. Lazily loaded modules stay lazy: their code runs only when first imported. Each bundled
 * module keeps its own location: `import.meta.url` in it still names its file in dist/, so worker threads started
 * by module URL and files found beside a module are found as without the bundle. Then runs `aitwin ask` once, so
 * the code cache is there before the first real start.
 */
export async function buildAskBundle(outDir = ASK_BUNDLE_DIR): Promise<void> {
  const distDir = here("../../dist/");
  await rm(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [`${distDir}cli/ask-main.js`],
    outfile: `${outDir}ask-main.cjs`,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    logLevel: "warning",
    minifyWhitespace: true,
    // "use strict" first: the modules were ES modules, strict throughout, and the definition must not end that.
    banner: {
      js: `"use strict";\nconst ${MODULE_URL} = (path) => new URL(path, require("node:url").pathToFileURL(__filename)).href;`,
    },
    plugins: [externalPackages(), englishOnly(), moduleLocations(distDir, outDir)],
  });
  const output = await readFile(`${outDir}ask-main.cjs`, "utf8");
  const leftover = output.match(PACKAGE_IMPORT);
  if (leftover) throw new Error(`the ask bundle still has ${leftover[0]}, which its loader cannot run`);
  await writeFile(`${outDir}ask-main.cjs`, asciiOnly(output));
  await warmCodeCache(`${outDir}ask-main.cjs`);
}

/**
 * The bundle with every character beyond ASCII written as a \\u escape. esbuild escapes them in strings but leaves
 * them in regular expressions (`/[.!?…]/`), and a single one makes Node read the whole file into a two-byte string,
 * which is slower to read, hash and compile. The escape means the same in a regular expression, with or without the
 * `u` flag (a surrogate pair's two escapes are one character there), as in strings and identifiers.
 */
function asciiOnly(source: string): string {
  return source.replace(/[^\0-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Runs `aitwin ask` from the new bundle on a throwaway data folder, which keeps its code cache beside it. A failure
 * here is only a slower first start, so it warns and the build goes on.
 */
async function warmCodeCache(bundle: string): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "aitwin-ask-warm-"));
  try {
    await promisify(execFile)(process.execPath, [here("../../bin/aitwin.js"), "ask", "Who are you?"], {
      env: { ...process.env, AITWIN_DATA_DIR: dataDir },
      timeout: 60_000,
    });
    if (!existsSync(cacheFileOf(bundle))) throw new Error("aitwin ask kept none");
  } catch (error) {
    process.stderr.write(`ask bundle: no code cache made (${(error as Error).message.split("\n")[0]})\n`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function externalPackages(): Plugin {
  return {
    name: "external-packages",
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = args.path
          .split("/")
          .slice(0, args.path.startsWith("@") ? 2 : 1)
          .join("/");
        return BUNDLED_PACKAGES.has(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/**
 * zod's error messages in English only: its other 60-odd locales (a quarter of the bundle, all compiled at start)
 * are reached only through `z.config(z.locales.xx())`, which this project never calls.
 */
function englishOnly(): Plugin {
  return {
    name: "zod-english-only",
    setup(builder) {
      builder.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
        contents: 'export { default as en } from "./en.js";',
        loader: "js",
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/** `import("package")` in compiled code: kept by esbuild as a real import(), which the bundle's script cannot do. */
const PACKAGE_IMPORT = /(?<![\w$.])import\((["'][^"'.][^"']*["'])\)/g;

/**
 * Rewrites `import.meta.url` in each compiled module to the URL of its own file in dist/, and `import("package")` to
 * the import its loader passes in (cached-bundle.ts).
 */
function moduleLocations(distDir: string, outDir: string): Plugin {
  return {
    name: "module-locations",
    setup(builder) {
      builder.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(distDir)) return undefined;
        const source = await readFile(args.path, "utf8");
        const fromBundle = relative(outDir, args.path).split(sep).join("/");
        const contents = source
          .replaceAll("import.meta.url", `${MODULE_URL}(${JSON.stringify(fromBundle)})`)
          .replace(PACKAGE_IMPORT, `${BUNDLE_IMPORT}($1)`);
        if (/import\.meta(?!\.url)/.test(source)) {
          throw new Error(`${args.path} uses import.meta beyond .url, which the ask bundle cannot keep`);
        }
        return { contents, loader: "js", resolveDir: dirname(args.path) };
      });
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAskBundle();
