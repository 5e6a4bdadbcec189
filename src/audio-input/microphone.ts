import type { AudioClip } from "../core/audio.js";
import { ProviderError } from "../core/errors.js";
import { findRecorder, type Recorder, startRecorder } from "./recorder.js";
import { SileroVad } from "./silero-vad.js";
import { type UtteranceOptions, utterancesFromPcm } from "./utterances.js";

export interface MicrophoneOptions extends UtteranceOptions {
  /** Which recorder to run; the first one on PATH when absent. */
  recorder?: Recorder;
  /** Stops recording; the iteration then ends without an error. */
  signal?: AbortSignal;
}

/**
 * Hands-free input: records from the default microphone and yields one 16 kHz clip per utterance, each ended by
 * the VAD hearing the speaker stop. Throws a ProviderError when there is no recorder or the recorder fails (no
 * sound device), so a caller can fall back to typed input.
 */
export async function* microphoneUtterances(options: MicrophoneOptions = {}): AsyncGenerator<AudioClip> {
  const recorder = options.recorder ?? findRecorder();
  if (!recorder) throw new ProviderError("microphone", "no recorder found (install sox or alsa-utils)");
  const vad = await SileroVad.create();
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const child = startRecorder(recorder, stop.signal);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString();
  });
  // A recorder that ended by itself (its output ran out) is left to exit: stopping it then would turn its exit
  // code 0 into an abort (-1) whenever the last frames were read before its close event came.
  let outputEnded = false;
  child.stdout.once("end", () => {
    outputEnded = true;
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on("close", (code) => resolve(code));
    child.on("error", () => resolve(-1));
  });
  try {
    yield* utterancesFromPcm(child.stdout, vad, options);
  } catch (error) {
    if (!stop.signal.aborted) throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    if (!outputEnded) stop.abort();
  }
  const code = await exited;
  if (options.signal?.aborted) return;
  if (code !== 0) {
    const reason =
      stderr
        .split("\n")
        .find((line) => line.trim())
        ?.trim() ?? `exit code ${code}`;
    throw new ProviderError("microphone", `${recorder.name} stopped: ${reason}`);
  }
}
