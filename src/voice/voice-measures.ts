import type { AudioClip } from "../core/audio.js";
import { type PitchTrack, percentile, pitchTrack } from "./pitch-track.js";
import { rmsFrequency, type VoicedCorrelation } from "./spectral-tilt.js";

/** What a voice sounds like, measured from speech alone: the same four figures for a person and for a synthetic voice. */
export interface VoiceMeasures {
  /** Mean fundamental frequency of the voiced frames, Hz. */
  pitchMean: number;
  /**
   * How much the voice moves, Hz: the 5th–95th percentile range over 3.29, which is the standard deviation for a
   * normal spread and, unlike it, not thrown by the odd octave error.
   */
  pitchSpread: number;
  /** 5th and 95th percentiles of the fundamental, Hz. */
  pitchLow: number;
  pitchHigh: number;
  /** Syllables per second of speaking time (pauses left out): the articulation rate. */
  syllableRate: number;
  /** Root-mean-square frequency of the voiced sound, Hz: higher is brighter. */
  brightness: number;
  /** Seconds of speech (pauses of 250 ms or more left out). */
  speechSeconds: number;
}

/** What the checks on a sample need beyond the measures. */
export interface SampleStatistics {
  measures: VoiceMeasures;
  durationSeconds: number;
  /** Loudest frames' level, 0..1 of full scale (95th percentile of frame RMS). */
  level: number;
  /** Seconds of voiced frames. */
  voicedSeconds: number;
  /** Share of the active span spent in quiet frames: speech pauses between syllables and phrases, music rarely does. */
  quietShare: number;
  /** Share of voiced frames in held notes: 150 ms or more at a pitch steady within 20 cents. Speech glides. */
  steadyShare: number;
  /** The voiced sound's correlations at lags 0–2: what a spectral tilt would do to its brightness. */
  voicedCorrelation: VoicedCorrelation;
}

const PAUSE_FRAMES = 25;
/** A quiet frame is this far below the loud level (dB). */
const QUIET_DB = 25;
/** A syllable nucleus stands this far above the dips on either side (dB). */
const NUCLEUS_DIP_DB = 2;

export function measureVoice(clip: AudioClip): SampleStatistics {
  const samples = new Float32Array(clip.samples.length);
  for (let i = 0; i < samples.length; i++) samples[i] = (clip.samples[i] as number) / 32768;
  const track = pitchTrack(samples, clip.sampleRate);
  const seconds = track.hopMs / 1000;
  const level = percentile(track.rms, 0.95);
  const quietLevel = level * 10 ** (-QUIET_DB / 20);
  const loud = Array.from(track.rms, (value) => value >= quietLevel);
  const speaking = speakingFrames(loud);
  const voiced = Array.from(track.f0).filter((value) => value > 0);
  const f0 = Float32Array.from(voiced);
  const mean = voiced.reduce((sum, value) => sum + value, 0) / Math.max(1, voiced.length);
  const pitchLow = percentile(f0, 0.05);
  const pitchHigh = percentile(f0, 0.95);
  const speakingCount = speaking.filter(Boolean).length;
  const first = loud.indexOf(true);
  const last = loud.lastIndexOf(true);
  const correlation = voicedCorrelation(samples, clip.sampleRate, track);
  const span = first < 0 ? 0 : last - first + 1;
  const quiet = first < 0 ? 0 : loud.slice(first, last + 1).filter((value) => !value).length;
  return {
    measures: {
      pitchMean: mean,
      pitchSpread: (pitchHigh - pitchLow) / 3.29,
      pitchLow,
      pitchHigh,
      syllableRate: speakingCount > 0 ? countNuclei(track, speaking) / (speakingCount * seconds) : 0,
      brightness: brightness(samples, clip.sampleRate, track),
      speechSeconds: speakingCount * seconds,
    },
    durationSeconds: clip.samples.length / clip.sampleRate,
    level,
    voicedSeconds: voiced.length * seconds,
    quietShare: span > 0 ? quiet / span : 0,
    steadyShare: voiced.length > 0 ? steadyFrames(track.f0) / voiced.length : 0,
    voicedCorrelation: correlation,
  };
}

/** Loud frames plus the short gaps between them; gaps of 250 ms or more are pauses, not speaking time. */
function speakingFrames(loud: boolean[]): boolean[] {
  const speaking = [...loud];
  let gapStart = -1;
  for (let i = 0; i <= loud.length; i++) {
    if (i < loud.length && !loud[i]) {
      if (gapStart < 0) gapStart = i;
      continue;
    }
    if (gapStart > 0 && i < loud.length && i - gapStart < PAUSE_FRAMES) speaking.fill(true, gapStart, i);
    gapStart = -1;
  }
  return speaking;
}

/** Syllable nuclei after de Jong & Wempe (2009): voiced peaks of loudness with a dip of 2 dB before the next one. */
function countNuclei(track: PitchTrack, speaking: boolean[]): number {
  const decibels = Array.from(track.rms, (value) => 20 * Math.log10(Math.max(value, 1e-6)));
  const smooth = decibels.map((_, i) => {
    let sum = 0;
    let count = 0;
    for (let j = Math.max(0, i - 2); j <= Math.min(decibels.length - 1, i + 2); j++, count++)
      sum += decibels[j] as number;
    return sum / count;
  });
  const floor = 20 * Math.log10(Math.max(percentile(track.rms, 0.95), 1e-6)) - QUIET_DB + 6;
  let count = 0;
  // The lowest level since the last peak: a peak counts when it rises 2 dB above the dip before it.
  let dip = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < smooth.length - 1; i++) {
    const value = smooth[i] as number;
    dip = Math.min(dip, value);
    const isPeak = value >= (smooth[i - 1] as number) && value > (smooth[i + 1] as number);
    if (!isPeak || !speaking[i] || value < floor || !voicedNear(track.f0, i)) continue;
    if (value - dip >= NUCLEUS_DIP_DB) count++;
    dip = value;
  }
  return count;
}

function voicedNear(f0: Float32Array, index: number): boolean {
  for (let i = Math.max(0, index - 2); i <= Math.min(f0.length - 1, index + 2); i++)
    if ((f0[i] as number) > 0) return true;
  return false;
}

/** Frames in runs of 15 or more whose pitch moves less than 20 cents from frame to frame. */
function steadyFrames(f0: Float32Array): number {
  let steady = 0;
  let run = 0;
  const close = (a: number, b: number) => a > 0 && b > 0 && Math.abs(1200 * Math.log2(a / b)) < 20;
  for (let i = 1; i <= f0.length; i++) {
    if (i < f0.length && close(f0[i] as number, f0[i - 1] as number)) {
      run++;
      continue;
    }
    if (run + 1 >= 15) steady += run + 1;
    run = 0;
  }
  return steady;
}

/** sqrt(E[x'^2] / E[x^2]) scaled to Hz: the RMS frequency of the spectrum, over voiced frames. */
function brightness(samples: Float32Array, sampleRate: number, track: PitchTrack): number {
  const hop = (sampleRate * track.hopMs) / 1000;
  let energy = 0;
  let slope = 0;
  for (let frame = 0; frame < track.f0.length; frame++) {
    if ((track.f0[frame] as number) === 0) continue;
    const start = Math.max(1, Math.round(frame * hop));
    const end = Math.min(samples.length, Math.round((frame + 1) * hop));
    for (let i = start; i < end; i++) {
      const x = samples[i] as number;
      energy += x * x;
      slope += (x - (samples[i - 1] as number)) ** 2;
    }
  }
  if (energy === 0) return 0;
  return rmsFrequency(slope / energy, sampleRate);
}

/** Σx², Σx·x₋₁ and Σx·x₋₂ over the samples of voiced frames, the same frames `brightness` uses. */
function voicedCorrelation(samples: Float32Array, sampleRate: number, track: PitchTrack): VoicedCorrelation {
  const hop = (sampleRate * track.hopMs) / 1000;
  let r0 = 0;
  let r1 = 0;
  let r2 = 0;
  for (let frame = 0; frame < track.f0.length; frame++) {
    if ((track.f0[frame] as number) === 0) continue;
    const start = Math.max(2, Math.round(frame * hop));
    const end = Math.min(samples.length, Math.round((frame + 1) * hop));
    for (let i = start; i < end; i++) {
      const x = samples[i] as number;
      r0 += x * x;
      r1 += x * (samples[i - 1] as number);
      r2 += x * (samples[i - 2] as number);
    }
  }
  return [r0, r1, r2];
}
