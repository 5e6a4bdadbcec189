/**
 * Frame-by-frame features of an audio stream: loudness, zero crossings and the share of energy in three bands (the
 * first-formant, second-formant and fricative regions). Pure TypeScript without Node APIs, so the same code runs in an
 * AudioWorklet in the browser; samples may arrive in chunks of any size (128 in a worklet).
 */

export interface AudioFrame {
  /** Start of the frame, ms from the start of the stream. */
  time: number;
  /** Root mean square amplitude, 0..1 of full scale. */
  rms: number;
  /** Sign changes per sample, 0..1: high for fricatives and noise, low for voiced sound. */
  zeroCrossingRate: number;
  /** Energy shares of 200–900 Hz, 900–2500 Hz and above 3000 Hz; they sum to at most 1. */
  bands: [low: number, mid: number, high: number];
}

/** A second-order filter (RBJ cookbook), run sample by sample. */
class Biquad {
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;
  private constructor(private readonly c: [number, number, number, number, number]) {}

  static bandPass(sampleRate: number, low: number, high: number): Biquad {
    const centre = Math.sqrt(low * high);
    const w = (2 * Math.PI * centre) / sampleRate;
    const alpha =
      (Math.sin(w) / 2) * (2 * Math.sinh((Math.LN2 / 2) * Math.log2(high / low) * (w / Math.sin(w))));
    const a0 = 1 + alpha;
    return new Biquad([alpha / a0, 0, -alpha / a0, (-2 * Math.cos(w)) / a0, (1 - alpha) / a0]);
  }

  static highPass(sampleRate: number, cutoff: number): Biquad {
    const w = (2 * Math.PI * Math.min(cutoff, sampleRate * 0.45)) / sampleRate;
    const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
    const a0 = 1 + alpha;
    const b = (1 + Math.cos(w)) / 2 / a0;
    return new Biquad([b, -2 * b, b, (-2 * Math.cos(w)) / a0, (1 - alpha) / a0]);
  }

  next(x: number): number {
    const [b0, b1, b2, a1, a2] = this.c;
    const y = b0 * x + b1 * this.x1 + b2 * this.x2 - a1 * this.y1 - a2 * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}

export class FrameAnalyzer {
  readonly frameSamples: number;
  readonly hopMs: number;
  private readonly filters: [Biquad, Biquad, Biquad];
  private readonly sums = { energy: 0, low: 0, mid: 0, high: 0, crossings: 0 };
  private filled = 0;
  private previous = 0;
  private frameIndex = 0;

  constructor(
    readonly sampleRate: number,
    hopMs = 10,
  ) {
    this.frameSamples = Math.max(1, Math.round((sampleRate * hopMs) / 1000));
    this.hopMs = (this.frameSamples / sampleRate) * 1000;
    this.filters = [
      Biquad.bandPass(sampleRate, 200, 900),
      Biquad.bandPass(sampleRate, 900, 2500),
      Biquad.highPass(sampleRate, 3000),
    ];
  }

  /** Adds samples (Int16 PCM, or floats in -1..1); returns the frames they completed. */
  push(samples: Int16Array | Float32Array): AudioFrame[] {
    const scale = samples instanceof Int16Array ? 1 / 32768 : 1;
    const frames: AudioFrame[] = [];
    const sums = this.sums;
    for (let index = 0; index < samples.length; index++) {
      const x = (samples[index] as number) * scale;
      sums.energy += x * x;
      sums.low += this.filters[0].next(x) ** 2;
      sums.mid += this.filters[1].next(x) ** 2;
      sums.high += this.filters[2].next(x) ** 2;
      if (x >= 0 !== this.previous >= 0) sums.crossings++;
      this.previous = x;
      if (++this.filled === this.frameSamples) frames.push(this.finishFrame());
    }
    return frames;
  }

  private finishFrame(): AudioFrame {
    const { energy, low, mid, high, crossings } = this.sums;
    const total = Math.max(energy, 1e-12);
    const frame: AudioFrame = {
      time: this.frameIndex * this.hopMs,
      rms: Math.sqrt(energy / this.frameSamples),
      zeroCrossingRate: crossings / this.frameSamples,
      bands: [Math.min(1, low / total), Math.min(1, mid / total), Math.min(1, high / total)],
    };
    this.frameIndex++;
    this.filled = 0;
    Object.assign(this.sums, { energy: 0, low: 0, mid: 0, high: 0, crossings: 0 });
    return frame;
  }
}
