import type { Api } from "./api.js";
import { Downsampler } from "./pcm-resample.js";

/** How much speech goes up in one request: small enough that little is left to send when the person stops. */
const CHUNK_MS = 250;

export interface SpeechUpload {
  /** Sends what is left and answers with the transcript. */
  finish(): Promise<string>;
  /** Stops sending and drops the stream on the server. */
  cancel(): void;
}

/**
 * Streams the microphone to the server's recogniser while the person speaks (`/api/transcriptions/streams`): an
 * AudioWorklet takes the samples off the audio thread, they are brought down to 16 kHz and sent in numbered 250 ms
 * chunks, one request at a time and in order. The recogniser decodes as they arrive, so when the person stops, the
 * answer is a last chunk and a few tens of milliseconds away rather than a whole recording's decode.
 */
export async function openSpeechUpload(api: Api, microphone: MediaStream): Promise<SpeechUpload> {
  const { id, sampleRate } = await api.json<{ id: string; sampleRate: number }>(
    "POST",
    "/api/transcriptions/streams",
  );
  const streamPath = `/api/transcriptions/streams/${id}`;
  const context = new AudioContext();
  try {
    await context.audioWorklet.addModule("pcm-capture.js");
    if (context.state === "suspended") await context.resume();
  } catch (error) {
    void context.close();
    void api.json("DELETE", streamPath).catch(() => undefined);
    throw error;
  }
  const source = context.createMediaStreamSource(microphone);
  const capture = new AudioWorkletNode(context, "pcm-capture");
  // Pulled through a silent gain so every browser keeps processing it; nothing is heard.
  const mute = context.createGain();
  mute.gain.value = 0;
  source.connect(capture).connect(mute).connect(context.destination);

  const downsampler = new Downsampler(context.sampleRate, sampleRate);
  const chunkSamples = (sampleRate * CHUNK_MS) / 1000;
  let pending: Int16Array[] = [];
  let pendingSamples = 0;
  let nextChunk = 0;
  let sending: Promise<void> = Promise.resolve();
  let failure: unknown;
  let stopped = false;

  const flush = () => {
    if (pendingSamples === 0) return;
    const body = new Int16Array(pendingSamples);
    let offset = 0;
    for (const part of pending) {
      body.set(part, offset);
      offset += part.length;
    }
    pending = [];
    pendingSamples = 0;
    const chunk = nextChunk++;
    sending = sending
      .then(() => api.sendBytes(`${streamPath}/audio?chunk=${chunk}`, new Blob([body.buffer]), "audio/l16"))
      .catch((error: unknown) => {
        failure ??= error;
      });
  };
  capture.port.onmessage = (event: MessageEvent<Float32Array>) => {
    if (stopped) return;
    const samples = downsampler.push(event.data);
    pending.push(samples);
    pendingSamples += samples.length;
    if (pendingSamples >= chunkSamples) flush();
  };
  const stop = () => {
    stopped = true;
    capture.port.onmessage = null;
    source.disconnect();
    void context.close();
  };

  return {
    async finish() {
      stop();
      flush();
      await sending;
      if (failure) throw failure;
      return (await api.json<{ text: string }>("POST", `${streamPath}/end`)).text;
    },
    cancel() {
      stop();
      void sending.then(() => api.json("DELETE", streamPath)).catch(() => undefined);
    },
  };
}
