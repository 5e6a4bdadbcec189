/**
 * The few WebAssembly JS API members we use, typed here: the project's `lib` has no DOM, and @types/node 20 does not
 * declare the `WebAssembly` global. Adding the DOM lib for this would let browser globals leak into server code.
 */

declare const compiledModule: unique symbol;

/** A compiled module, opaque to us: only passed back to `instantiate`. */
export type WasmModule = { readonly [compiledModule]: true };
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

export interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: Record<string, Record<string, unknown>>): Promise<WasmInstance>;
}

export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
