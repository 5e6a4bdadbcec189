import type { Api } from "./api.js";
import { resumeWithin } from "./audio-start.js";
import { Downsampler } from "./pcm-resample.js";

/** How much speech goes up in one request: small enough that little is left to send when the person stops. */
const CHUNK_MS = 250;
/** Audio kept from before speech was detected, so the first syllable reaches the recogniser. */
const PREROLL_MS = 500;
/** The rate the server's speech streams take (`STREAM_SAMPLE_RATE`). */
const STREAM_RATE = 16_000;

export interface HeardWords {
  text: string;
  live: boolean;
  version: number;
  /** How sure the recogniser is of the last word (0–1), when it says. */
  lastWordConfidence?: number;
  sentenceConfidence?: number;
}

/** How long one request for newer words is held by the server. */
const WORDS_WAIT_MS = 2000;

export interface SpeechUpload {
  /** The person started speaking: open the server's stream and send from the pre-roll on. */
  begin(): void;
  /** Sends what is left and answers with the transcript. */
  finish(): Promise<string>;
  /** Stops listening and drops the stream on the server, if one was opened. */
  cancel(): void;
  /**
   * The words the server has recognised so far, whether it tells them before the end (`live`), and their version;
   * given the version of the words last seen, the answer comes when newer ones are heard (or after a while).
   */
  words(since?: number, signal?: AbortSignal): Promise<HeardWords>;
  /** Sends what has been captured now, not at the next 250 ms: in a pause the recogniser needs the quiet soon. */
  send(): void;
}

/**
 * Streams the microphone to the server's recogniser while the person speaks (`/api/transcriptions/streams`): an
 * AudioWorklet takes the samples off the audio thread and they are brought down to 16 kHz at once; only the last
 * half second is kept until speech starts, then the stream is opened (the recogniser loads while the first words
 * arrive) and the audio goes up in numbered 250 ms chunks, one request at a time and in order. The recogniser
 * decodes as they arrive, so when the person stops, the answer is a last chunk and a few tens of milliseconds away
 * rather than a whole recording's decode. Pressing Talk asks the server to load a recogniser ahead (it lets it go
 * after two minutes unused); nobody speaking costs the server nothing more.
 */
export async function openSpeechUpload(
  api: Api,
  microphone: MediaStream,
  /** Every block of 16 kHz samples as it is captured: what the end-of-turn detector listens to. */
  onSamples?: (samples: Int16Array) => void,
): Promise<SpeechUpload> {
  const context = new AudioContext();
  try {
    await context.audioWorklet.addModule("pcm-capture.js");
    // Talk was just pressed, so only a missing sound device keeps the context from running: say so, don't hang.
    if (!(await resumeWithin(context, 3000))) {
      throw new Error(
        "The microphone can't be heard: this browser could not start its audio (no sound device?)",
      );
    }
  } catch (error) {
    void context.close();
    throw error;
  }
  // The recogniser loads while the person draws breath (the stream itself opens when speech starts); a server that
  // cannot is asked again then, and says why.
  void api.json("POST", "/api/transcriptions/streams/prepare").catch(() => undefined);
  const source = context.createMediaStreamSource(microphone);
  const capture = new AudioWorkletNode(context, "pcm-capture");
  // Pulled through a silent gain so every browser keeps processing it; nothing is heard.
  const mute = context.createGain();
  mute.gain.value = 0;
  source.connect(capture).connect(mute).connect(context.destination);

  const downsampler = new Downsampler(context.sampleRate, STREAM_RATE);
  const chunkSamples = (STREAM_RATE * CHUNK_MS) / 1000;
  const prerollSamples = (STREAM_RATE * PREROLL_MS) / 1000;
  let pending: Int16Array[] = [];
  let pendingSamples = 0;
  /** Resolves with the stream's path once opened; undefined until speech starts. */
  let opened: Promise<string> | undefined;
  let nextChunk = 0;
  let sending: Promise<void> = Promise.resolve();
  let failure: unknown;
  let stopped = false;

  const takePending = () => {
    const body = new Int16Array(pendingSamples);
    let offset = 0;
    for (const part of pending) {
      body.set(part, offset);
      offset += part.length;
    }
    pending = [];
    pendingSamples = 0;
    return body;
  };
  const flush = () => {
    if (!opened || pendingSamples === 0) return;
    const body = takePending();
    const chunk = nextChunk++;
    const streamPath = opened;
    sending = sending
      .then(async () => {
        const path = await streamPath;
        await api.sendBytes(`${path}/audio?chunk=${chunk}`, new Blob([body.buffer]), "audio/l16");
      })
      .catch((error: unknown) => {
        failure ??= error;
      });
  };
  const begin = () => {
    opened ??= api
      .json<{ id: string }>("POST", "/api/transcriptions/streams")
      .then(({ id }) => `/api/transcriptions/streams/${id}`);
    // Errors surface in `finish`.
    opened.catch((error: unknown) => {
      failure ??= error;
    });
    flush();
  };
  capture.port.onmessage = (event: MessageEvent<Float32Array>) => {
    if (stopped) return;
    const samples = downsampler.push(event.data);
    onSamples?.(samples);
    pending.push(samples);
    pendingSamples += samples.length;
    if (!opened) {
      // Before speech, only the pre-roll is worth keeping.
      while (pending.length > 1 && pendingSamples - (pending[0]?.length ?? 0) >= prerollSamples) {
        pendingSamples -= pending.shift()?.length ?? 0;
      }
    } else if (pendingSamples >= chunkSamples) flush();
  };
  const stop = () => {
    stopped = true;
    capture.port.onmessage = null;
    source.disconnect();
    void context.close();
  };

  return {
    begin,
    send: flush,
    async words(since, signal) {
      const path = await opened?.catch(() => undefined);
      if (!path || stopped) return { text: "", live: false, version: 0 };
      const query = since === undefined ? "" : `?since=${since}&wait=${WORDS_WAIT_MS}`;
      return api.json<HeardWords>("GET", `${path}/words${query}`, undefined, signal);
    },
    async finish() {
      stop();
      begin();
      flush();
      await sending;
      const path = await (opened as Promise<string>).catch(() => undefined);
      if (failure || !path) throw failure ?? new Error("the speech stream did not open");
      return (await api.json<{ text: string }>("POST", `${path}/end`)).text;
    },
    cancel() {
      stop();
      const path = opened;
      if (!path) return;
      void sending
        .then(() => path)
        .then((streamPath) => api.json("DELETE", streamPath))
        .catch(() => undefined);
    },
  };
}
