import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Loads @vladmandic/human on the tfjs WASM backend, with its models read from inside the npm package: tfjs in Node
 * can only fetch http(s), so `file://` model URLs are served by a load router reading the files directly.
 * Nothing is downloaded.
 */
const require = createRequire(import.meta.url);

export interface HumanFace {
  box: [number, number, number, number];
  score: number;
  mesh: [number, number, number][];
}

export interface HumanInstance {
  load(): Promise<void>;
  detect(input: unknown): Promise<{ face: HumanFace[] }>;
}

export interface TfCore {
  tensor4d(values: Int32Array, shape: [number, number, number, number], dtype: "int32"): { dispose(): void };
}

interface TfIo {
  io: { registerLoadRouter(router: (url: string | string[]) => unknown): void };
}

let loaded: Promise<{ human: HumanInstance; tf: TfCore }> | undefined;

/** The detector, created once per process (loading models and compiling WASM takes a few hundred ms). */
export function loadHuman(): Promise<{ human: HumanInstance; tf: TfCore }> {
  loaded ??= create();
  return loaded;
}

/** Whether this thread has loaded the detector (the server's never should: it landmarks on its face thread). */
export function humanLoadedHere(): boolean {
  return loaded !== undefined;
}

async function create(): Promise<{ human: HumanInstance; tf: TfCore }> {
  const tf = require("@tensorflow/tfjs-core") as TfCore & TfIo;
  const wasm = require("@tensorflow/tfjs-backend-wasm") as { setWasmPaths(path: string): void };
  // human's package.json exports its dist files without "./", which Node rejects: resolve the file by path.
  const humanDist = dirname(require.resolve("@vladmandic/human"));
  const { Human } = require(join(humanDist, "human.node-wasm.js")) as {
    Human: new (config: object) => HumanInstance;
  };
  const wasmDir = `${dirname(require.resolve("@tensorflow/tfjs-backend-wasm"))}/`;
  tf.io.registerLoadRouter(fileRouter);
  wasm.setWasmPaths(wasmDir);
  const off = { enabled: false };
  const human = new Human({
    backend: "wasm",
    wasmPath: wasmDir,
    modelBasePath: `file://${join(dirname(humanDist), "models")}/`,
    debug: false,
    async: true,
    warmup: "none",
    cacheSensitivity: 0,
    filter: off,
    gesture: off,
    body: off,
    hand: off,
    object: off,
    segmentation: off,
    face: {
      enabled: true,
      detector: { rotation: true, maxDetected: 10, minConfidence: 0.3, return: false },
      mesh: { enabled: true },
      iris: { enabled: true },
      description: off,
      emotion: off,
      antispoof: off,
      liveness: off,
      attention: off,
    },
  });
  await human.load();
  return { human, tf };
}

function fileRouter(url: string | string[]): unknown {
  const first = Array.isArray(url) ? url[0] : url;
  if (typeof first !== "string" || !first.startsWith("file://")) return null;
  const path = first.slice("file://".length);
  return {
    async load() {
      const model = JSON.parse(await readFile(path, "utf8")) as {
        modelTopology: unknown;
        weightsManifest: { paths: string[]; weights: unknown[] }[];
        format?: string;
        generatedBy?: string;
        convertedBy?: string;
        signature?: unknown;
        userDefinedMetadata?: unknown;
      };
      const parts = await Promise.all(
        model.weightsManifest.flatMap((group) =>
          group.paths.map((each) => readFile(join(dirname(path), each))),
        ),
      );
      const weights = Buffer.concat(parts);
      return {
        modelTopology: model.modelTopology,
        weightSpecs: model.weightsManifest.flatMap((group) => group.weights),
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
        format: model.format,
        generatedBy: model.generatedBy,
        convertedBy: model.convertedBy,
        signature: model.signature,
        userDefinedMetadata: model.userDefinedMetadata,
      };
    },
  };
}
