import type { Speech, Synthesizer } from "../../core/synthesizer.js";
import { answerRequests } from "../../system/request-thread.js";
import { createFliteSynthesizer } from "../flite/flite-synthesizer.js";

/** What a speech thread is asked to say. */
export type SpeechThreadRequest = { text: string; voice?: string; rate?: number };

/** A speech thread: flite (WASM, synchronous) synthesising sentences off the event loop, one at a time, in order. */
let synthesizer: Synthesizer | undefined;
answerRequests<SpeechThreadRequest, Speech>(
  (request) => {
    synthesizer ??= createFliteSynthesizer();
    return synthesizer.synthesize(request);
  },
  (speech) => [speech.audio.samples.buffer as ArrayBuffer],
);
