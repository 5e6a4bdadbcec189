import type { Api } from "./api.js";
import { detectSpeechEnd } from "./speech-end-detector.js";
import { openSpeechUpload } from "./speech-upload.js";

export interface ListenOptions {
  /** The person started to speak: the twin should stop talking (barge-in). */
  onSpeechStart?: () => void;
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
 * Web Speech API sends audio to Google. Speech is streamed to it while the person speaks (`speech-upload.ts`), so
 * the transcript is ready moments after they stop; browsers without AudioWorklet record with MediaRecorder and send
 * the recording once speech has ended.
 */
export function serverRecognizer(api: Api): Recognizer {
  return {
    kind: "server",
    async listen({ onSpeechStart, signal }) {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 },
      });
      try {
        if (typeof AudioWorkletNode === "function") return await streamed(api, stream, onSpeechStart, signal);
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

async function streamed(
  api: Api,
  microphone: MediaStream,
  onSpeechStart: (() => void) | undefined,
  signal: AbortSignal,
): Promise<string> {
  const upload = await openSpeechUpload(api, microphone);
  let result: Awaited<ReturnType<typeof detectSpeechEnd>>;
  try {
    result = await detectSpeechEnd(
      microphone,
      {
        onSpeechStart: () => {
          upload.begin();
          onSpeechStart?.();
        },
      },
      signal,
    );
  } catch (error) {
    upload.cancel();
    throw error;
  }
  if (result === "silence" || signal.reason === "cancel") {
    upload.cancel();
    return "";
  }
  return upload.finish();
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
    listen: ({ onSpeechStart, signal }) =>
      new Promise((resolve, reject) => {
        const recognition = new Recognition();
        recognition.lang = navigator.language || "en-US";
        recognition.interimResults = false;
        let text = "";
        recognition.onspeechstart = () => onSpeechStart?.();
        recognition.onresult = (event) => {
          text = Array.from(event.results, (result) => result[0]?.transcript ?? "").join(" ");
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
