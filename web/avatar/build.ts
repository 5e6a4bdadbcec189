import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** Bundles the avatar drawer for the browser (one IIFE); `outfile` absent returns the code instead of writing. */
export async function buildAvatarBundle(outfile?: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("demo.ts", import.meta.url))],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: outfile !== undefined,
    ...(outfile ? { outfile } : { outdir: "out" }),
    logLevel: "silent",
  });
  return outfile ? "" : new TextDecoder().decode(result.outputFiles?.[0]?.contents);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAvatarBundle(fileURLToPath(new URL("dist/avatar-demo.js", import.meta.url)));
}
