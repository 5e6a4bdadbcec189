/** The moods a face can show; they move brows and mouth corners only, so lip-sync stays exact. */
export const MOODS = ["neutral", "happy", "serious", "surprised"] as const;
export type Mood = (typeof MOODS)[number];

/**
 * How a twin's face moves: its resting mood and four controls. Each control is 0..2 with 1 the natural default,
 * except stillness, 0..1 with 0 the default.
 */
export interface FaceMotion {
  mood?: Mood;
  /** Head motion: idle drift, nods and tilts. */
  headMotion?: number;
  /** Blinks against the natural rate (0: none). */
  blinkRate?: number;
  /** Brow raises and nods on stressed words, and how strongly moods show. */
  expressiveness?: number;
  /** Damps the idle drift of head and eyes (1: only speech moves the head). */
  stillness?: number;
}

export const MOTION_RANGES = {
  headMotion: { min: 0, max: 2 },
  blinkRate: { min: 0, max: 2 },
  expressiveness: { min: 0, max: 2 },
  stillness: { min: 0, max: 1 },
} as const;

/** A mood from a moment of the talk on (D-ID's `config.driver_expressions`), reached over `transitionMs`. */
export interface TimedMood {
  startMs: number;
  mood: Mood;
  /** 0..1. */
  intensity: number;
  transitionMs: number;
}
