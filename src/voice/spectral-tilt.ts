import type { AudioClip } from "../core/audio.js";

/**
 * A first-order spectral tilt, `y[n] = x[n] − tilt·x[n−1]`, rescaled to the clip's own loudness: a positive tilt is
 * pre-emphasis (brighter: highs up, lows down), a negative one darker. One multiply-add a sample, so it costs nothing
 * beside synthesis; it moves the voice's brightness towards a person's where flite's few base voices are far off.
 */
export function applySpectralTilt(clip: AudioClip, tilt: number): AudioClip {
  if (tilt === 0) return clip;
  const input = clip.samples;
  const filtered = new Float32Array(input.length);
  let before = 0;
  let after = 0;
  let previous = 0;
  for (let index = 0; index < input.length; index++) {
    const x = input[index] as number;
    const y = x - tilt * previous;
    filtered[index] = y;
    before += x * x;
    after += y * y;
    previous = x;
  }
  const gain = after > 0 ? Math.sqrt(before / after) : 1;
  const samples = new Int16Array(input.length);
  for (let index = 0; index < input.length; index++) {
    const y = Math.round((filtered[index] as number) * gain);
    samples[index] = Math.min(32767, Math.max(-32768, y));
  }
  return { sampleRate: clip.sampleRate, samples };
}

/** Sums Σx², Σx·x₋₁, Σx·x₋₂ over the voiced sound: enough to tell the brightness any tilt would give. */
export type VoicedCorrelation = readonly [lag0: number, lag1: number, lag2: number];

/**
 * The brightness (RMS frequency, Hz, as `voice-measures.ts` defines it) the voiced sound would have after a tilt:
 * E[y′²] / E[y²] from the correlations, with y′ the first difference of the tilted signal.
 */
export function brightnessAfterTilt(
  correlation: VoicedCorrelation,
  sampleRate: number,
  tilt: number,
): number {
  const [r0, r1, r2] = correlation;
  const energy = (1 + tilt * tilt) * r0 - 2 * tilt * r1;
  const slope = (2 + 2 * tilt + 2 * tilt * tilt) * r0 - 2 * (1 + tilt) ** 2 * r1 + 2 * tilt * r2;
  if (!(energy > 0) || !(slope > 0)) return 0;
  return rmsFrequency(slope / energy, sampleRate);
}

/** Hz from the ratio E[x′²] / E[x²]: a sine at ω gives 4·sin²(ω/2). */
export function rmsFrequency(slopeOverEnergy: number, sampleRate: number): number {
  return (sampleRate / (2 * Math.PI)) * 2 * Math.asin(Math.min(1, Math.sqrt(slopeOverEnergy) / 2));
}

/**
 * The tilt within ±limit that brings the voiced sound's brightness nearest the target. Brightness rises with the
 * tilt over this range, so bisection finds it; a target out of reach gets the limit.
 */
export function tiltForBrightness(
  correlation: VoicedCorrelation,
  sampleRate: number,
  target: number,
  limit: number,
): number {
  let low = -limit;
  let high = limit;
  if (brightnessAfterTilt(correlation, sampleRate, high) <= target) return high;
  if (brightnessAfterTilt(correlation, sampleRate, low) >= target) return low;
  for (let step = 0; step < 40; step++) {
    const middle = (low + high) / 2;
    if (brightnessAfterTilt(correlation, sampleRate, middle) < target) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
