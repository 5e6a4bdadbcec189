import { copyFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Where the server looks for the page (src/server/routes/page.ts). */
export const WEB_OUT_DIR = here("../../dist/web/");

/**
 * Bundles the page into `dist/web/`: index.html, app.css, one minified app.js and the microphone's AudioWorklet
 * (pcm-capture.js); nothing is downloaded at run time.
 */
export async function buildWebApp(outDir = WEB_OUT_DIR): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [here("main.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: ["chrome110", "firefox115", "safari16"],
    minify: true,
    sourcemap: "linked",
    outfile: `${outDir}app.js`,
    logLevel: "warning",
  });
  // The microphone's AudioWorklet processor is loaded by URL, so it is a file of its own.
  await build({
    entryPoints: [here("pcm-capture-worklet.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["chrome110", "firefox115", "safari16"],
    minify: true,
    outfile: `${outDir}pcm-capture.js`,
    logLevel: "warning",
  });
  await Promise.all(["index.html", "app.css"].map((file) => copyFile(here(file), `${outDir}${file}`)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWebApp();
