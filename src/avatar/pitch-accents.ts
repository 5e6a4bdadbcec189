import type { AudioClip } from "../core/audio.js";

/**
 * Pitch peaks in the talk's audio: where the voice rises well above its own usual pitch, a word is being stressed
 * (pitch accents carry most of English stress). The pitch is tracked by normalised autocorrelation on the audio
 * brought down to 4 kHz (enough for voices between 70 and 400 Hz to a third of a semitone, and cheap: a 10 s talk
 * takes a few tens of milliseconds),
 * every 10 ms; a peak is a voiced frame at least `MIN_RISE` semitones above the talk's median pitch that is the highest
 * within ±`PEAK_SPAN_MS`. The same function runs on the same samples for the page and the MP4, so both nod alike.
 * (The voice's `pitch-track.ts`, YIN at 8 kHz, measures a voice more exactly but costs about ten times as much, which
 * every render would pay; a peak two semitones up needs no such precision.)
 */
export interface PitchAccent {
  /** Milliseconds from the clip's start. */
  at: number;
  /** 0..1: how far above the usual pitch. */
  strength: number;
}

const RATE = 4000;
const FRAME = 160; // 40 ms at 4 kHz
const HOP = 40; // 10 ms
const MIN_HZ = 70;
const MAX_HZ = 400;
/** Below this normalised correlation a frame is unvoiced (noise, silence, a stop). */
const VOICED = 0.6;
const MIN_RISE = 2;
const FULL_RISE = 6;
const PEAK_SPAN_MS = 200;

export function pitchAccents(clip: AudioClip): PitchAccent[] {
  const samples = downsample(clip);
  const pitch = track(samples);
  const voiced = pitch.filter((value) => value > 0).sort((a, b) => a - b);
  if (voiced.length < 5) return [];
  const median = voiced[voiced.length >> 1] as number;
  const span = PEAK_SPAN_MS / ((HOP * 1000) / RATE);
  const accents: PitchAccent[] = [];
  for (let frame = 0; frame < pitch.length; frame++) {
    const value = pitch[frame] as number;
    if (value <= 0) continue;
    const rise = 12 * Math.log2(value / median);
    if (rise < MIN_RISE) continue;
    let highest = true;
    for (let other = Math.max(0, frame - span); other <= Math.min(pitch.length - 1, frame + span); other++) {
      const near = pitch[other] as number;
      if (near > value || (near === value && other < frame)) {
        highest = false;
        break;
      }
    }
    if (!highest) continue;
    accents.push({
      at: ((frame * HOP + FRAME / 2) * 1000) / RATE,
      strength: Math.min(1, (rise - MIN_RISE) / (FULL_RISE - MIN_RISE) + 0.3),
    });
  }
  return accents;
}

/** The clip as floats at 4 kHz, each output sample the mean of the input samples it covers (a crude low-pass). */
function downsample(clip: AudioClip): Float32Array {
  const { samples, sampleRate } = clip;
  const step = sampleRate / RATE;
  const out = new Float32Array(Math.floor(samples.length / step));
  for (let index = 0; index < out.length; index++) {
    const from = Math.floor(index * step);
    const to = Math.max(from + 1, Math.floor((index + 1) * step));
    let sum = 0;
    for (let at = from; at < to; at++) sum += samples[at] as number;
    out[index] = sum / (to - from);
  }
  return out;
}

/** Pitch in Hz per 10 ms frame, 0 where unvoiced or too quiet. */
function track(samples: Float32Array): Float32Array {
  const frames = Math.max(0, Math.floor((samples.length - FRAME) / HOP) + 1);
  const pitch = new Float32Array(frames);
  const minLag = Math.floor(RATE / MAX_HZ);
  const maxLag = Math.ceil(RATE / MIN_HZ);
  let loudest = 0;
  const energy = new Float32Array(frames);
  const correlations = new Float32Array(maxLag + 2);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let index = frame * HOP; index < frame * HOP + FRAME; index++)
      sum += (samples[index] as number) ** 2;
    energy[frame] = sum;
    loudest = Math.max(loudest, sum);
  }
  for (let frame = 0; frame < frames; frame++) {
    // Quieter than 30 dB under the loudest frame: a pause, not a vowel.
    if ((energy[frame] as number) < loudest * 1e-3) continue;
    const start = frame * HOP;
    const length = FRAME - maxLag;
    let best = 0;
    for (let lag = minLag; lag <= maxLag; lag++) {
      let cross = 0;
      let first = 0;
      let second = 0;
      for (let index = 0; index < length; index++) {
        const a = samples[start + index] as number;
        const b = samples[start + index + lag] as number;
        cross += a * b;
        first += a * a;
        second += b * b;
      }
      correlations[lag] = cross / Math.sqrt(first * second + 1e-9);
      best = Math.max(best, correlations[lag] as number);
    }
    // The shortest period that correlates nearly as well as the best: multiples of the period correlate too.
    let bestLag = 0;
    for (let lag = minLag; lag <= maxLag; lag++) {
      const value = correlations[lag] as number;
      if (value >= best * 0.9 && value >= (correlations[lag + 1] ?? 0)) {
        bestLag = lag;
        break;
      }
    }
    if (best >= VOICED && bestLag > 0) pitch[frame] = RATE / bestLag;
  }
  return pitch;
}
