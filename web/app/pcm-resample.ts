/**
 * Microphone samples (float, any rate) to 16-bit samples at a lower rate, block by block without seams: each output
 * sample is the mean of the input samples around its instant (a box filter, enough against aliasing for speech
 * recognition at 16 kHz). No DOM: tested in Node.
 */
export class Downsampler {
  private readonly step: number;
  /** Input samples not yet used, carried to the next block. */
  private carry = new Float32Array(0);
  /** Position of the next output sample in the carried-plus-new input, in input samples. */
  private position = 0;

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
  ) {
    if (!(fromRate >= toRate && toRate > 0))
      throw new Error(`cannot downsample ${fromRate} Hz to ${toRate} Hz`);
    this.step = fromRate / toRate;
  }

  push(block: Float32Array): Int16Array {
    const input = new Float32Array(this.carry.length + block.length);
    input.set(this.carry);
    input.set(block, this.carry.length);
    const out: number[] = [];
    const half = this.step / 2;
    while (this.position + half <= input.length) {
      const from = Math.max(0, Math.floor(this.position - half + 0.5));
      const to = Math.min(input.length, Math.floor(this.position + half + 0.5));
      let sum = 0;
      for (let index = from; index < to; index++) sum += input[index] as number;
      const mean = to > from ? sum / (to - from) : 0;
      out.push(Math.round(Math.max(-1, Math.min(1, mean)) * 32767));
      this.position += this.step;
    }
    // Keep what the next output sample's window may still need.
    const keepFrom = Math.max(0, Math.floor(this.position - half));
    this.carry = input.slice(keepFrom);
    this.position -= keepFrom;
    return Int16Array.from(out);
  }
}
