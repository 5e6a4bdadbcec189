import type { AudioClip } from "../core/audio.js";
import type { Synthesizer } from "../core/synthesizer.js";
import { READING_PASSAGE } from "./reading-passage.js";
import { applySpectralTilt, tiltForBrightness } from "./spectral-tilt.js";
import { formatTunedVoice, TUNING_LIMITS, type TunedVoice } from "./tuned-voice.js";
import { measureVoice, type VoiceMeasures } from "./voice-measures.js";

/** A voice that can be tuned, with how it sounds untuned. */
export interface BaseVoice {
  id: string;
  pitch: number;
  brightness: number;
}

export interface VoiceTuningResult {
  /** The tuned voice's id (`slt,pitch=…,spread=…,stretch=…[,tilt=…]`). */
  voice: string;
  base: string;
  /** The person's sample. */
  sample: VoiceMeasures;
  /** The tuned voice reading the passage, measured the same way. */
  tuned: VoiceMeasures;
  /** Syntheses it took to get there. */
  rounds: number;
}

const MAX_ROUNDS = 4;
/** Close enough to stop early: well inside the 10% (pitch) and 15% (rate) the tuning promises. */
const PITCH_TOLERANCE = 0.03;
const RATE_TOLERANCE = 0.05;
/**
 * The strongest tilt tuning uses, short of the id's limit: beyond it the voice's lows (its fundamental) are cut so far
 * that it thins out. flite's voices are 300–700 Hz in brightness and espeak-ng's 700–1200 Hz, so some samples ask for
 * more than this and get part of the way.
 */
const MAX_TUNED_TILT = 0.8;
/** How far a tilt may move the measured pitch or syllable rate. */
const TILT_SIDE_EFFECT = 0.03;

/**
 * Picks the base voice nearest the sample (pitch first, brightness second, both on a log scale) and tunes it by
 * listening to itself: each round the tuned voice reads the passage, is measured like the sample, and its pitch
 * targets and stretch are corrected by the ratios still missing. flite's own intonation and pauses make the first
 * guess miss by 5–20%; two or three rounds bring it within a few per cent. Then a spectral tilt moves its brightness
 * towards the sample's.
 */
export async function tuneVoice(
  synthesizer: Synthesizer,
  bases: readonly BaseVoice[],
  sample: VoiceMeasures,
  signal?: AbortSignal,
): Promise<VoiceTuningResult> {
  const base = nearestBase(bases, sample);
  let tuning: TunedVoice = {
    base: base.id,
    pitch: sample.pitchMean,
    spread: Math.min(sample.pitchMean / 3, sample.pitchSpread),
    stretch: 1,
  };
  // The tilt is decided from the first round (a filter on the output: its effect is computed from that audio's voiced
  // correlations), and every round is measured with it on, so pitch and rate are corrected for the voice as it
  // will sound.
  let tilt: number | undefined;
  let best: { voice: string; tuned: VoiceMeasures; error: number } | undefined;
  let rounds = 0;
  while (rounds < MAX_ROUNDS) {
    rounds++;
    const speech = await synthesizer.synthesize({
      text: READING_PASSAGE,
      voice: formatTunedVoice({ ...tuning, tilt }),
      signal,
    });
    let tuned = measureVoice(speech.audio).measures;
    if (tilt === undefined) [tilt, tuned] = chooseTilt(speech.audio, sample.brightness);
    const voice = formatTunedVoice({ ...tuning, tilt });
    const pitchError = Math.abs(tuned.pitchMean / sample.pitchMean - 1);
    const rateError = Math.abs(tuned.syllableRate / sample.syllableRate - 1);
    const error = pitchError / PITCH_TOLERANCE + rateError / RATE_TOLERANCE;
    if (!best || error < best.error) best = { voice, tuned, error };
    if (pitchError <= PITCH_TOLERANCE && rateError <= RATE_TOLERANCE) break;
    tuning = {
      base: base.id,
      pitch: tuning.pitch * ratio(sample.pitchMean, tuned.pitchMean),
      // A voice moved further than a third of its pitch breaks up (flite's diphone voice loses its rhythm).
      spread: Math.min(tuning.pitch / 3, tuning.spread * ratio(sample.pitchSpread, tuned.pitchSpread)),
      stretch: tuning.stretch * ratio(tuned.syllableRate, sample.syllableRate),
    };
  }
  if (!best) throw new Error("voice tuning ran no round");
  return { voice: best.voice, base: base.id, sample, tuned: best.tuned, rounds };
}

/**
 * The tilt, to two places, that brings an untilted reading's brightness nearest the sample's, with the reading's
 * measures under it. A tilt that moves the measured pitch or rhythm is weakened (×0.7, up to three times, then none):
 * when the lows are cut so far that syllables lose their loudness peaks, the voice thins, which no brightness is worth
 * (flite's diphone voice reaches it first).
 */
function chooseTilt(audio: AudioClip, brightness: number): [number, VoiceMeasures] {
  const untilted = measureVoice(audio);
  const limit = Math.min(MAX_TUNED_TILT, TUNING_LIMITS.tilt[1]);
  let tilt = tiltForBrightness(untilted.voicedCorrelation, audio.sampleRate, brightness, limit);
  for (let attempt = 0; attempt < 4; attempt++, tilt *= 0.7) {
    const rounded = Math.round(tilt * 100) / 100;
    if (rounded === 0) break;
    const tilted = measureVoice(applySpectralTilt(audio, rounded)).measures;
    const moved = (key: "pitchMean" | "syllableRate") =>
      Math.abs(tilted[key] / untilted.measures[key] - 1) > TILT_SIDE_EFFECT;
    if (!moved("pitchMean") && !moved("syllableRate")) return [rounded, tilted];
  }
  return [0, untilted.measures];
}

export function nearestBase(bases: readonly BaseVoice[], sample: VoiceMeasures): BaseVoice {
  const distance = (base: BaseVoice) =>
    Math.abs(Math.log2(sample.pitchMean / base.pitch)) +
    0.5 * Math.abs(Math.log2(Math.max(sample.brightness, 1) / base.brightness));
  const [first, ...rest] = bases;
  if (!first) throw new Error("no base voice to tune");
  return rest.reduce((best, base) => (distance(base) < distance(best) ? base : best), first);
}

/** A correction factor, damped to at most ×1.5 per round so one bad measurement cannot throw the tuning far. */
function ratio(want: number, have: number): number {
  if (!(want > 0) || !(have > 0)) return 1;
  return Math.min(1.5, Math.max(1 / 1.5, want / have));
}
