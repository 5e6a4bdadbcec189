import type { EndProsody } from "./turn-end-rules.js";

/** The stretch of speech before the pause that is compared: its first half against its second. */
const STRETCH_MS = 600;
const FRAME_MS = 30;
const MIN_PITCH_HZ = 70;
const MAX_PITCH_HZ = 400;
/** Autocorrelation this strong (of the frame's energy) counts as voiced. */
const VOICED = 0.45;
/**
 * A change of pitch larger than this (semitones) within the stretch is the tracker's mistake, not the voice: creaky
 * ends of real speech are read an octave or two off (+17 and +25 semitones on two of pocketsphinx-testdata's
 * sentences), which read as a question-like rise.
 */
const PLAUSIBLE_PITCH_CHANGE = 9;

/**
 * How the voice moved at the end of speech: pitch (by autocorrelation, voiced frames only) and energy, the last
 * ~300 ms against the ~300 ms before. `samples` are mono, any scale; `end` is where speech stopped (exclusive).
 * Cheap enough for the page to run at every pause; no dependencies.
 */
export function endProsody(samples: ArrayLike<number>, sampleRate: number, end = samples.length): EndProsody {
  const frame = Math.round((sampleRate * FRAME_MS) / 1000);
  const stretch = Math.round((sampleRate * STRETCH_MS) / 1000);
  const start = Math.max(0, end - stretch);
  const middle = start + Math.floor((end - start) / 2);
  const halves = [
    [start, middle],
    [middle, end],
  ].map(([from, to]) => measure(samples, sampleRate, from as number, to as number, frame));
  const [before, after] = halves as [Measure, Measure];
  const prosody: EndProsody = {};
  if (before.energy > 0 && after.energy > 0) prosody.energyDb = 10 * Math.log10(after.energy / before.energy);
  if (before.pitch && after.pitch) {
    const semitones = 12 * Math.log2(after.pitch / before.pitch);
    if (Math.abs(semitones) <= PLAUSIBLE_PITCH_CHANGE) prosody.pitchSemitones = semitones;
  }
  return prosody;
}

interface Measure {
  energy: number;
  pitch: number | undefined;
}

function measure(samples: ArrayLike<number>, rate: number, from: number, to: number, frame: number): Measure {
  let energy = 0;
  let count = 0;
  const pitches: number[] = [];
  for (let at = from; at + frame <= to; at += frame) {
    let sum = 0;
    for (let index = at; index < at + frame; index++) sum += (samples[index] as number) ** 2;
    energy += sum;
    count += frame;
    const pitch = framePitch(samples, rate, at, frame, sum);
    if (pitch) pitches.push(pitch);
  }
  pitches.sort((a, b) => a - b);
  return { energy: count ? energy / count : 0, pitch: pitches[Math.floor(pitches.length / 2)] };
}

function framePitch(
  samples: ArrayLike<number>,
  rate: number,
  at: number,
  frame: number,
  power: number,
): number | undefined {
  if (power <= 0) return undefined;
  const shortest = Math.floor(rate / MAX_PITCH_HZ);
  const longest = Math.min(frame - 1, Math.ceil(rate / MIN_PITCH_HZ));
  let bestLag = 0;
  let best = 0;
  // Every other lag is enough to find the peak, and halves the cost.
  for (let lag = shortest; lag <= longest; lag += 2) {
    let sum = 0;
    for (let index = at; index + lag < at + frame; index++) {
      sum += (samples[index] as number) * (samples[index + lag] as number);
    }
    const normalised = sum / power;
    if (normalised > best) {
      best = normalised;
      bestLag = lag;
    }
  }
  return best >= VOICED && bestLag > 0 ? rate / bestLag : undefined;
}
