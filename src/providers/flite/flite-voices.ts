import type { VoiceInfo } from "../../core/synthesizer.js";

/**
 * The English voices built into the flite WASM build (`flite -lv`). The three clustergen voices (slt, rms, awb) sound
 * most natural; kal16 is a diphone voice, rougher but several times faster. `kal` (8 kHz) and `awb_time` (a
 * talking clock) are left out: one is kal16 at lower quality, the other only says times.
 */
export const FLITE_VOICES: readonly VoiceInfo[] = [
  { id: "slt", name: "SLT — US English, female", gender: "female", language: "en-US" },
  { id: "rms", name: "RMS — US English, male", gender: "male", language: "en-US" },
  { id: "awb", name: "AWB — Scottish English, male", gender: "male", language: "en-GB" },
  { id: "kal16", name: "Kal — US English, male (diphone, fastest)", gender: "male", language: "en-US" },
];

/**
 * Each voice's own duration stretch (kal16 speaks 10% slower than its model by default); a requested rate scales it,
 * because setting flite's `duration_stretch` replaces the voice's value rather than multiplying it.
 */
export const VOICE_DURATION_STRETCH: Readonly<Record<string, number>> = {
  slt: 1,
  rms: 1,
  awb: 1,
  kal16: 1.1,
};

export const DEFAULT_FLITE_VOICE = "slt";

/** Voice whose front end (lexicon, letter-to-sound, post-lexical rules) every voice shares: the cheapest to run. */
export const FRONT_END_VOICE = "kal16";

/**
 * Voices whose pitch follows flite's `int_f0_target_mean` and `int_f0_target_stddev`, with how they sound untuned
 * (mean pitch and brightness in Hz as `src/voice/voice-measures.ts` measures them on the reading passage). rms's
 * model sets its own fundamental and ignores both targets, so it is never the base of a tuned voice.
 */
export const TUNABLE_FLITE_VOICES: readonly { id: string; pitch: number; brightness: number }[] = [
  { id: "slt", pitch: 167, brightness: 315 },
  { id: "awb", pitch: 125, brightness: 451 },
  { id: "kal16", pitch: 92, brightness: 666 },
];
