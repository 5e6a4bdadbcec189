import { END_OF_SPEECH_QUIET_MS } from "./speech-timing.js";

/** How the detector decides: loudness over the noise floor starts speech; this much quiet after it ends it. */
export interface SpeechEndOptions {
  silenceMs?: number;
  /** Give up when nobody speaks for this long. */
  noSpeechMs?: number;
  /** Cut a monologue off here: a turn is a question, not a lecture. */
  maxSpeechMs?: number;
  onSpeechStart?: () => void;
}

const STEP_MS = 40;
const MIN_SPEECH_MS = 160;

/**
 * End-of-speech detection on a live microphone stream, by loudness (RMS) against an adaptive noise floor. Resolves
 * "speech" when speech was heard and then `silenceMs` of quiet followed, "silence" when nobody spoke; `abort` ends
 * it early with "stopped".
 */
export function detectSpeechEnd(
  stream: MediaStream,
  options: SpeechEndOptions,
  signal: AbortSignal,
): Promise<"speech" | "silence" | "stopped"> {
  const silenceMs = options.silenceMs ?? END_OF_SPEECH_QUIET_MS;
  const noSpeechMs = options.noSpeechMs ?? 8000;
  const maxSpeechMs = options.maxSpeechMs ?? 20_000;
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let floor = 0.01;
  let loudMs = 0;
  let quietMs = 0;
  let elapsedMs = 0;
  let speaking = false;
  return new Promise((resolve) => {
    const finish = (result: "speech" | "silence" | "stopped") => {
      clearInterval(timer);
      void context.close();
      resolve(result);
    };
    signal.addEventListener("abort", () => finish("stopped"), { once: true });
    const timer = setInterval(() => {
      if (context.state === "suspended") void context.resume();
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      elapsedMs += STEP_MS;
      const loud = rms > Math.max(0.015, floor * 3);
      // The floor follows the room slowly upward and quickly downward, so speech never becomes "the floor".
      floor = loud ? floor : rms < floor ? rms * 0.5 + floor * 0.5 : floor * 0.98 + rms * 0.02;
      if (loud) {
        loudMs += STEP_MS;
        quietMs = 0;
        if (!speaking && loudMs >= MIN_SPEECH_MS) {
          speaking = true;
          options.onSpeechStart?.();
        }
      } else {
        quietMs += STEP_MS;
        if (!speaking) loudMs = 0;
      }
      if (speaking && (quietMs >= silenceMs || loudMs >= maxSpeechMs)) finish("speech");
      else if (!speaking && elapsedMs >= noSpeechMs) finish("silence");
    }, STEP_MS);
  });
}
