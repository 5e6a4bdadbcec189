import { TurnEndDetector } from "../../src/audio-input/turn-end-detector.js";
import { TURN_END } from "../../src/audio-input/turn-end-rules.js";
import type { Api } from "./api.js";
import type { EarlyStart } from "./early-reply.js";
import { openSpeechUpload } from "./speech-upload.js";

/**
 * How often the words so far are looked for before speech starts, or from a recogniser that does not say when they
 * change; from one that does, the next words are asked for at once and the server holds the request until they come.
 */
const WORDS_EVERY_MS = 150;
const STREAM_RATE = 16_000;
/** In a pause, audio goes up every 60 ms instead of every 250 ms. */
const PAUSE_SEND_SAMPLES = (STREAM_RATE * 60) / 1000;

export interface TurnListenOptions {
  onSpeechStart?: () => void;
  /** The words recognised so far, each time they change (captions). */
  onWords?: (text: string) => void;
  /** Start early: begin the reply at a pause, throw it away if speech goes on. */
  early?: EarlyStart;
  signal: AbortSignal;
}

/**
 * One turn from the microphone through the server's recogniser: the audio is streamed while the person speaks, the
 * words come back as they are recognised, and the turn ends when the turn-end rules say so (a breath after a
 * finished question, up to 1.5 s after "and…"), not after a fixed wait. "" when nothing was said or it was cancelled.
 */
export async function listenForTurn(
  api: Api,
  microphone: MediaStream,
  options: TurnListenOptions,
): Promise<string> {
  const detector = new TurnEndDetector({ sampleRate: STREAM_RATE });
  let settle: (result: "speech" | "silence" | "stopped") => void = () => undefined;
  const ended = new Promise<"speech" | "silence" | "stopped">((resolve) => {
    settle = resolve;
  });
  let unsent = 0;
  /** The words an early reply was begun on, while one is. */
  let earlyWords: string | undefined;
  const startEarly = () => {
    const words = detector.words;
    if (!options.early || !words || words === earlyWords) return;
    if (detector.quiet < TURN_END.startEarlyMs || !detector.pauseWordsIn) return;
    earlyWords = words;
    options.early.start(words);
  };
  const cancelEarly = () => {
    if (earlyWords === undefined) return;
    earlyWords = undefined;
    options.early?.cancel();
  };
  const upload = await openSpeechUpload(api, microphone, (samples) => {
    const event = detector.push(Float32Array.from(samples, (sample) => sample / 32768));
    // The person went on after the pause: the reply begun on its words is thrown away unheard.
    if (detector.inSpeech && detector.quiet === 0) cancelEarly();
    else startEarly();
    if (event === "speech-start") {
      upload.begin();
      options.onSpeechStart?.();
    } else if (event === "turn-end") settle("speech");
    else if (event === "no-speech") settle("silence");
    else if (detector.inSpeech && detector.quiet > 0) {
      // In a pause the quiet goes up at once: the recogniser closes the phrase on it and tells its words sooner.
      unsent += samples.length;
      if (unsent >= PAUSE_SEND_SAMPLES) {
        unsent = 0;
        upload.send();
      }
    }
  });
  const stop = () => settle("stopped");
  options.signal.addEventListener("abort", stop, { once: true });
  let polling = true;
  const stopPolling = new AbortController();
  const poll = async () => {
    let since: number | undefined;
    while (polling) {
      if (since === undefined || !detector.inSpeech) {
        await new Promise((resolve) => setTimeout(resolve, WORDS_EVERY_MS));
      }
      if (!polling || !detector.inSpeech) continue;
      const heard = await upload.words(since, stopPolling.signal).catch(() => undefined);
      if (!polling) continue;
      // A failed look, or a recogniser that tells its words only at the end: look again later, not in a loop.
      since = heard?.live ? heard.version : undefined;
      if (!heard) continue;
      detector.wordsArrive = heard.live;
      detector.lastWordConfidence = heard.lastWordConfidence;
      detector.sentenceConfidence = heard.sentenceConfidence;
      if (heard.text !== detector.words) {
        detector.words = heard.text;
        options.onWords?.(heard.text);
      }
      startEarly();
    }
  };
  const poller = poll();
  try {
    const result = await ended;
    polling = false;
    stopPolling.abort();
    await poller;
    // A press of Talk (or its release) ends the turn and keeps what was said; only "cancel" drops it.
    if (result === "silence" || options.signal.reason === "cancel") {
      upload.cancel();
      cancelEarly();
      return "";
    }
    // Why the turn ended, for whoever watches (the browser tests).
    window.dispatchEvent(new CustomEvent("aitwin-turn-end", { detail: detector.decision }));
    const text = await upload.finish();
    // Kept (or not) by whoever sends the words; nothing to send, nothing to keep.
    if (!text) cancelEarly();
    options.onWords?.(text);
    return text;
  } catch (error) {
    upload.cancel();
    cancelEarly();
    throw error;
  } finally {
    polling = false;
    stopPolling.abort();
    options.signal.removeEventListener("abort", stop);
  }
}
