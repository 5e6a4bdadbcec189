import type { AudioClip } from "../core/audio.js";
import type { TimedViseme, Viseme } from "../core/timeline.js";
import { type AudioFrame, FrameAnalyzer } from "./audio-features.js";

/** The mouth for one 10 ms frame of audio. */
export interface MouthFrame {
  time: number;
  viseme: Viseme;
  /** 0 = closed, 1 = as open as this voice gets. */
  openness: number;
}

export interface AudioVisemeOptions {
  /** Below this level (0..1 of full scale) the mouth is closed whatever the voice's own level: about −50 dBFS. */
  silenceLevel?: number;
  /** Frames a new shape must last before the mouth takes it: stops one-frame flicker. */
  holdFrames?: number;
}

const PEAK_DECAY_PER_FRAME = 10 ** (-6 / 20 / 100); // the loudness reference falls 6 dB a second
const ATTACK = 0.6; // share of the way to a louder target taken each frame: mouths open fast…
const RELEASE = 0.3; // …and close a little slower, as real ones do;
const SILENT_RELEASE = 0.5; // but once the sound has stopped, they close within ~50 ms.

/**
 * Visemes from audio alone, for voices that come without timing (cloud TTS, recordings): loudness opens the mouth,
 * and the balance of first-formant, second-formant and fricative energy picks the shape. Streaming, frame by frame,
 * with no Node APIs, so it runs in an AudioWorklet as well as in Node.
 */
export class AudioVisemeTracker {
  private readonly analyzer: FrameAnalyzer;
  private readonly silenceLevel: number;
  private readonly holdFrames: number;
  private peak = 0.1;
  private openness = 0;
  private shape: Viseme = "sil";
  private candidate: Viseme = "sil";
  private candidateFrames = 0;

  constructor(sampleRate: number, options: AudioVisemeOptions = {}) {
    this.analyzer = new FrameAnalyzer(sampleRate);
    this.silenceLevel = options.silenceLevel ?? 0.003;
    this.holdFrames = options.holdFrames ?? 2;
  }

  get hopMs(): number {
    return this.analyzer.hopMs;
  }

  push(samples: Int16Array | Float32Array): MouthFrame[] {
    return this.analyzer.push(samples).map((frame) => this.mouthFor(frame));
  }

  private mouthFor(frame: AudioFrame): MouthFrame {
    this.peak = Math.max(frame.rms, this.peak * PEAK_DECAY_PER_FRAME, 0.01);
    const silent = frame.rms < Math.max(this.silenceLevel, this.peak * 0.03);
    // A power below 1 makes quiet speech visible without losing the envelope's shape.
    const target = silent ? 0 : Math.min(1, (frame.rms / this.peak) ** 0.7);
    const closing = target < this.openness;
    const rate = closing ? (silent ? SILENT_RELEASE : RELEASE) : ATTACK;
    this.openness += (target - this.openness) * rate;
    if (silent && this.openness < 0.05) this.openness = 0;
    let wanted = this.openness === 0 ? "sil" : shapeFor(frame, this.openness);
    // A mouth on its way shut keeps its shape: a flash of "nn" before every pause is flicker, not speech.
    if (closing && wanted === "nn" && this.shape !== "sil") wanted = this.shape;
    if (wanted === this.candidate) this.candidateFrames++;
    else {
      this.candidate = wanted;
      this.candidateFrames = 1;
    }
    // Opening from rest and closing for silence are never delayed: either would look late at once.
    if (wanted === "sil" || this.shape === "sil" || this.candidateFrames >= this.holdFrames)
      this.shape = wanted;
    return { time: frame.time, viseme: this.shape, openness: Math.round(this.openness * 1000) / 1000 };
  }
}

function shapeFor(frame: AudioFrame, openness: number): Viseme {
  const [low, mid, high] = frame.bands;
  if (high > 0.45 && frame.zeroCrossingRate > 0.2) return "SS";
  if (openness < 0.2) return "nn";
  // Second-formant energy against first: low for rounded vowels (o, u), middling for open (a), high for spread (e, i).
  const frontness = mid / Math.max(low + mid, 1e-9);
  if (frontness < 0.2) return openness > 0.5 ? "O" : "U";
  if (frontness < 0.45) return openness > 0.4 ? "aa" : "O";
  return openness > 0.5 ? "E" : "I";
}

/** Joins frames into timed visemes; a viseme's weight is its mean openness. */
export function visemesFromFrames(frames: MouthFrame[], hopMs: number): TimedViseme[] {
  const visemes: TimedViseme[] = [];
  let sum = 0;
  for (const frame of frames) {
    const last = visemes.at(-1);
    if (last && last.viseme === frame.viseme) {
      last.duration = Math.round(frame.time + hopMs - last.start);
      sum += frame.openness;
    } else {
      if (last) last.weight = Math.round((sum / (last.duration / hopMs)) * 100) / 100;
      visemes.push({ viseme: frame.viseme, start: Math.round(frame.time), duration: Math.round(hopMs) });
      sum = frame.openness;
    }
  }
  const last = visemes.at(-1);
  if (last) last.weight = Math.round((sum / Math.max(1, last.duration / hopMs)) * 100) / 100;
  return visemes;
}

/** Visemes of a whole clip from its audio alone. */
export function visemesFromAudio(clip: AudioClip, options?: AudioVisemeOptions): TimedViseme[] {
  const tracker = new AudioVisemeTracker(clip.sampleRate, options);
  return visemesFromFrames(tracker.push(clip.samples), tracker.hopMs);
}
