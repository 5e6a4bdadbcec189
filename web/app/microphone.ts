import type { Api } from "./api.js";
import type { EarlyStart } from "./early-reply.js";
import { detectSpeechEnd } from "./speech-end-detector.js";
import { listenForTurn } from "./turn-listener.js";

export interface ListenOptions {
  /** The person started to speak: the twin should stop talking (barge-in). */
  onSpeechStart?: () => void;
  /** The words recognised so far, as the person speaks (captions). */
  onWords?: (text: string) => void;
  /** Start early: replies begun at the person's pauses (the server's recogniser only). */
  early?: EarlyStart;
  /** Aborting ends listening now; the reason "cancel" drops what was heard, anything else transcribes it. */
  signal: AbortSignal;
}

/** Turns one utterance from the microphone into text ("" when nothing was said). */
export interface Recognizer {
  readonly kind: "server" | "browser";
  listen(options: ListenOptions): Promise<string>;
}

/**
 * The server's speech-to-text, preferred where the server has one: it is local and works offline, where Chromium's
 * Web Speech API sends audio to Google. Speech is streamed to it while the person speaks (`turn-listener.ts`), the
 * words come back as captions, and the turn ends by the turn-end rules; browsers without AudioWorklet record with
 * MediaRecorder and send the recording once a fixed quiet has followed speech. The rules cannot speed that up: no
 * words are known until the whole recording is transcribed (seconds), and without words they wait 800 ms after a
 * falling voice and 1.3 s otherwise, never less than the fixed 800 ms.
 */
export function serverRecognizer(api: Api): Recognizer {
  return {
    kind: "server",
    async listen({ onSpeechStart, onWords, early, signal }) {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 },
      });
      try {
        if (typeof AudioWorkletNode === "function") {
          return await listenForTurn(api, stream, { onSpeechStart, onWords, early, signal });
        }
        const mimeType = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"].find(
          (type) => MediaRecorder.isTypeSupported(type),
        );
        const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {});
        const chunks: Blob[] = [];
        recorder.ondataavailable = (event) => chunks.push(event.data);
        const stopped = new Promise((resolve) => {
          recorder.onstop = resolve;
        });
        recorder.start(250);
        const result = await detectSpeechEnd(stream, { onSpeechStart }, signal);
        recorder.stop();
        await stopped;
        if (result === "silence" || signal.reason === "cancel") return "";
        const recording = new Blob(chunks, { type: recorder.mimeType });
        const { text } = await api.upload<{ text: string }>(
          "/api/transcriptions",
          recording,
          recording.type || "audio/webm",
        );
        return text;
      } finally {
        for (const track of stream.getTracks()) track.stop();
      }
    },
  };
}

interface SpeechRecognitionLike {
  lang: string;
  interimResults: boolean;
  onspeechstart: (() => void) | null;
  onresult: ((event: { results: ArrayLike<ArrayLike<{ transcript: string }>> }) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}
type SpeechRecognitionConstructor = new () => SpeechRecognitionLike;

/** The browser's own recogniser (Web Speech API) where it has one. */
export function browserRecognizer(): Recognizer | undefined {
  const scope = window as unknown as Record<string, SpeechRecognitionConstructor | undefined>;
  const Recognition = scope.SpeechRecognition ?? scope.webkitSpeechRecognition;
  if (!Recognition) return undefined;
  return {
    kind: "browser",
    listen: ({ onSpeechStart, onWords, signal }) =>
      new Promise((resolve, reject) => {
        const recognition = new Recognition();
        recognition.lang = navigator.language || "en-US";
        // Interim results are the captions while the person speaks.
        recognition.interimResults = true;
        let text = "";
        recognition.onspeechstart = () => onSpeechStart?.();
        recognition.onresult = (event) => {
          text = Array.from(event.results, (result) => result[0]?.transcript ?? "").join(" ");
          onWords?.(text.trim());
        };
        recognition.onerror = (event) => {
          if (event.error === "no-speech" || event.error === "aborted") return;
          reject(
            new Error(
              event.error === "network"
                ? "the browser's speech recognition needs its online service; type instead"
                : `speech recognition failed (${event.error})`,
            ),
          );
        };
        recognition.onend = () => resolve(signal.reason === "cancel" ? "" : text.trim());
        signal.addEventListener("abort", () =>
          signal.reason === "cancel" ? recognition.abort() : recognition.stop(),
        );
        recognition.start();
      }),
  };
}
