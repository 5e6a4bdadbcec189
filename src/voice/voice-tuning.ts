import type { Synthesizer } from "../core/synthesizer.js";
import { READING_PASSAGE } from "./reading-passage.js";
import { formatTunedVoice, type TunedVoice } from "./tuned-voice.js";
import { measureVoice, type VoiceMeasures } from "./voice-measures.js";

/** A voice that can be tuned, with how it sounds untuned. */
export interface BaseVoice {
  id: string;
  pitch: number;
  brightness: number;
}

export interface VoiceTuningResult {
  /** The tuned voice's id (`slt,pitch=…,spread=…,stretch=…`). */
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
 * Picks the base voice nearest the sample (pitch first, brightness second, both on a log scale) and tunes it by
 * listening to itself: each round the tuned voice reads the passage, is measured like the sample, and its pitch
 * targets and stretch are corrected by the ratios still missing. flite's own intonation and pauses make the first
 * guess miss by 5–20%; two or three rounds bring it within a few per cent.
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
  let best: { voice: string; tuned: VoiceMeasures; error: number } | undefined;
  let rounds = 0;
  while (rounds < MAX_ROUNDS) {
    rounds++;
    const voice = formatTunedVoice(tuning);
    const speech = await synthesizer.synthesize({ text: READING_PASSAGE, voice, signal });
    const tuned = measureVoice(speech.audio).measures;
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
