import { readFile, rm } from "node:fs/promises";
import { dirname, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Where bin/aitwin.js looks for the bundle: the entry is `ask-main.js` in this folder. */
export const ASK_BUNDLE_DIR = here("../../dist/cli/ask-bundle/");

/**
 * Packages bundled in: pure JavaScript spread over hundreds of small ES modules (kysely about 260, zod about 95),
 * which Node loads one file at a time. Every other package stays an import from node_modules.
 */
const BUNDLED_PACKAGES = new Set(["kysely", "zod"]);

/**
 * Bundles `aitwin ask` from the compiled dist/ (run after tsc): dist/cli/ask-main.js and everything it loads,
 * statically or lazily, with kysely and zod. Lazily loaded modules become chunks in the same folder, loaded as late
 * as before. Each bundled module keeps its own location: `import.meta.url` in it still names its file in dist/, so
 * worker threads started by module URL and files found beside a module are found as without the bundle.
 */
export async function buildAskBundle(outDir = ASK_BUNDLE_DIR): Promise<void> {
  const distDir = here("../../dist/");
  await rm(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [`${distDir}cli/ask-main.js`],
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
    plugins: [externalPackages(), englishOnly(), moduleLocations(distDir, outDir)],
  });
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

/** Rewrites `import.meta.url` in each compiled module to the URL of its own file in dist/. */
function moduleLocations(distDir: string, outDir: string): Plugin {
  return {
    name: "module-locations",
    setup(builder) {
      builder.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(distDir)) return undefined;
        const source = await readFile(args.path, "utf8");
        const fromBundle = relative(outDir, args.path).split(sep).join("/");
        const contents = source.replaceAll(
          "import.meta.url",
          `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
        );
        if (/import\.meta(?!\.url)/.test(source)) {
          throw new Error(`${args.path} uses import.meta beyond .url, which the ask bundle cannot keep`);
        }
        return { contents, loader: "js", resolveDir: dirname(args.path) };
      });
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAskBundle();
