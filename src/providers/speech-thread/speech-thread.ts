import { parentPort } from "node:worker_threads";
import { transferError } from "../../core/error-transfer.js";
import type { Speech, Synthesizer } from "../../core/synthesizer.js";
import { createFliteSynthesizer } from "../flite/flite-synthesizer.js";

/** A speech thread: flite (WASM, synchronous) synthesising sentences off the event loop, one at a time, in order. */
export type ToSpeechThread = { type: "say"; id: number; text: string; voice?: string; rate?: number };

export type FromSpeechThread =
  | { type: "said"; id: number; speech: Speech }
  | { type: "failed"; id: number; error: ReturnType<typeof transferError> };

const port = parentPort;
if (!port) throw new Error("speech-thread.ts runs only as a worker thread");
let synthesizer: Synthesizer | undefined;

port.on("message", async (message: ToSpeechThread) => {
  const { id, text, voice, rate } = message;
  try {
    synthesizer ??= createFliteSynthesizer();
    const speech = await synthesizer.synthesize({ text, voice, rate });
    const samples = speech.audio.samples;
    port.postMessage({ type: "said", id, speech } satisfies FromSpeechThread, [
      samples.buffer as ArrayBuffer,
    ]);
  } catch (error) {
    port.postMessage({ type: "failed", id, error: transferError(error) } satisfies FromSpeechThread);
  }
});
