import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { AudioClip } from "../core/audio.js";
import { ProviderError } from "../core/errors.js";
import { SPEECH_SAMPLE_RATE } from "./decode-audio.js";

const require = createRequire(import.meta.url);

/** Silero VAD scores frames of 512 samples (32 ms) at 16 kHz. */
export const VAD_FRAME_SAMPLES = 512;
export const VAD_FRAME_MS = (VAD_FRAME_SAMPLES / SPEECH_SAMPLE_RATE) * 1000;

/*
 * ONNX Runtime's WebAssembly build, which runs in Node as it does in browsers: unlike onnxruntime-node it has no
 * install script (that one downloads CUDA libraries on Linux x64, ~300 MB installed), and a model this small
 * (32 ms frames, one thread) needs nothing faster.
 */
type Ort = typeof import("onnxruntime-web");
type Session = Awaited<ReturnType<Ort["InferenceSession"]["create"]>>;

/** The Silero VAD (v4) ONNX model as shipped inside `@ricky0123/vad-web` (MIT); nothing is downloaded. */
export function sileroModelPath(): string {
  return join(dirname(require.resolve("@ricky0123/vad-web")), "silero_vad_legacy.onnx");
}

let shared: Promise<{ ort: Ort; session: Session }> | undefined;

function loadSession(): Promise<{ ort: Ort; session: Session }> {
  shared ??= (async () => {
    try {
      const ort = (await import("onnxruntime-web")) as Ort;
      ort.env.wasm.numThreads = 1;
      // One thread: frames are tiny, and the recogniser and the brain need the cores more.
      const session = await ort.InferenceSession.create(await readFile(sileroModelPath()), {
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
      });
      return { ort, session };
    } catch (error) {
      shared = undefined;
      throw new ProviderError("silero-vad", `cannot load the VAD model: ${(error as Error).message}`, {
        cause: error,
      });
    }
  })();
  return shared;
}

/**
 * A streaming speech detector: feed it consecutive 512-sample frames, it returns the probability that each is
 * speech. The model is recurrent, so one detector follows one stream; `reset` starts a new one.
 */
export class SileroVad {
  private state: Float32Array<ArrayBufferLike> = new Float32Array(2 * 64);
  private cell: Float32Array<ArrayBufferLike> = new Float32Array(2 * 64);

  private constructor(
    private readonly ort: Ort,
    private readonly session: Session,
  ) {}

  static async create(): Promise<SileroVad> {
    const { ort, session } = await loadSession();
    return new SileroVad(ort, session);
  }

  reset(): void {
    this.state = new Float32Array(2 * 64);
    this.cell = new Float32Array(2 * 64);
  }

  async probability(frame: Int16Array): Promise<number> {
    const input = new Float32Array(VAD_FRAME_SAMPLES);
    for (let index = 0; index < Math.min(frame.length, VAD_FRAME_SAMPLES); index++) {
      input[index] = (frame[index] as number) / 32768;
    }
    const { Tensor } = this.ort;
    const result = await this.session.run({
      input: new Tensor("float32", input, [1, VAD_FRAME_SAMPLES]),
      sr: new Tensor("int64", BigInt64Array.from([BigInt(SPEECH_SAMPLE_RATE)]), []),
      h: new Tensor("float32", this.state, [2, 1, 64]),
      c: new Tensor("float32", this.cell, [2, 1, 64]),
    });
    const { output, hn, cn } = result;
    if (!output || !hn || !cn) throw new ProviderError("silero-vad", "the VAD model returned no output");
    this.state = hn.data as Float32Array;
    this.cell = cn.data as Float32Array;
    return (output.data as Float32Array)[0] ?? 0;
  }

  /** Speech probability of every frame of a 16 kHz clip, in order. */
  async probabilities(clip: AudioClip): Promise<number[]> {
    if (clip.sampleRate !== SPEECH_SAMPLE_RATE) throw new Error("VAD needs 16 kHz audio");
    this.reset();
    const scores: number[] = [];
    for (let start = 0; start + VAD_FRAME_SAMPLES <= clip.samples.length; start += VAD_FRAME_SAMPLES) {
      scores.push(await this.probability(clip.samples.subarray(start, start + VAD_FRAME_SAMPLES)));
    }
    return scores;
  }
}
