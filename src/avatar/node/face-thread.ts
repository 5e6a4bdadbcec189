import { parentPort, threadId } from "node:worker_threads";
import { type TransferredError, transferError } from "../../core/error-transfer.js";
import { type DetectedFace, detectFace } from "./face-detector.js";

/** A face thread: the landmarker (tfjs on WASM, CPU-bound) run off the server's event loop, one photo at a time. */
export type ToFaceThread = { type: "detect"; id: number; image: Uint8Array };

export type FromFaceThread =
  | { type: "detected"; id: number; face: DetectedFace; threadId: number }
  | { type: "failed"; id: number; error: TransferredError };

const port = parentPort;
if (!port) throw new Error("face-thread.ts runs only as a worker thread");

// One at a time, in order: the model is one instance and a photo's detection awaits between its steps.
let queue: Promise<void> = Promise.resolve();
port.on("message", (message: ToFaceThread) => {
  queue = queue.then(() => answer(message));
});

async function answer({ id, image }: ToFaceThread): Promise<void> {
  try {
    const face = await detectFace(image);
    port?.postMessage({ type: "detected", id, face, threadId } satisfies FromFaceThread);
  } catch (error) {
    port?.postMessage({ type: "failed", id, error: transferError(error) } satisfies FromFaceThread);
  }
}
