import { parentPort, workerData } from "node:worker_threads";
import type { EncodedAudio } from "../core/audio.js";
import { AitwinError } from "../core/errors.js";
import { createFliteSynthesizer } from "../providers/flite/flite-synthesizer.js";
import { TUNABLE_FLITE_VOICES } from "../providers/flite/flite-voices.js";
import { measureVoiceSample } from "../voice/voice-sample.js";
import { tuneVoice, type VoiceTuningResult } from "../voice/voice-tuning.js";

/** What comes back from the thread: the tuning, or our error's kind and message. */
export type VoiceTuningJobResult =
  | { ok: true; result: VoiceTuningResult }
  | { ok: false; errorKind?: string; message: string };

/** The whole of a tuning (decode, measure, a few syntheses), so that none of it runs on the server's event loop. */
export async function measureAndTune(sample: EncodedAudio | string): Promise<VoiceTuningResult> {
  const measures = await measureVoiceSample(sample);
  return tuneVoice(createFliteSynthesizer(), TUNABLE_FLITE_VOICES, measures);
}

if (parentPort && workerData?.kind === "voice-tuning") {
  let message: VoiceTuningJobResult;
  try {
    message = { ok: true, result: await measureAndTune(workerData.sample as EncodedAudio) };
  } catch (error) {
    message = {
      ok: false,
      errorKind: error instanceof AitwinError ? error.kind : undefined,
      message: error instanceof Error ? error.message : String(error),
    };
  }
  parentPort.postMessage(message);
}
