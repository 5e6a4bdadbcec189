import { MOODS, type Mood, type TimedMood } from "../core/face-motion.js";
/**
 * What the face shows beyond speech, in drawer-neutral units: brows (-1 drawn together and down .. 1 raised) and
 * smile (-1 corners down .. 1 corners up). An expression only moves brows and the corners of the mouth, never the
 * jaw or the lips' opening, so it layers over any viseme without changing it.
 */
export interface Expression {
  brows: number;
  smile: number;
}

export { MOODS, type Mood };

export const NEUTRAL: Expression = { brows: 0, smile: 0 };

const MOOD_EXPRESSIONS: Record<Mood, Expression> = {
  neutral: NEUTRAL,
  happy: { brows: 0.2, smile: 0.8 },
  serious: { brows: -0.6, smile: -0.3 },
  surprised: { brows: 1, smile: 0 },
};

export function isMood(value: unknown): value is Mood {
  return typeof value === "string" && (MOODS as readonly string[]).includes(value);
}

/** The mood's expression at `intensity` (0..1, D-ID's driver_expressions intensity). */
export function moodExpression(mood: Mood, intensity = 1): Expression {
  const expression = MOOD_EXPRESSIONS[mood];
  const amount = Math.min(1, Math.max(0, intensity));
  return { brows: expression.brows * amount, smile: expression.smile * amount };
}

export function blendExpressions(from: Expression, to: Expression, amount: number): Expression {
  const t = Math.min(1, Math.max(0, amount));
  return { brows: from.brows + (to.brows - from.brows) * t, smile: from.smile + (to.smile - from.smile) * t };
}

/** The expression at `t` ms of a talk whose moods change over its course; undefined before the first. */
export function timedExpressionAt(moods: readonly TimedMood[], t: number): Expression | undefined {
  let current: Expression | undefined;
  for (const timed of moods) {
    if (timed.startMs > t) break;
    const target = moodExpression(timed.mood, timed.intensity);
    const progress = timed.transitionMs > 0 ? (t - timed.startMs) / timed.transitionMs : 1;
    current = blendExpressions(current ?? NEUTRAL, target, progress);
  }
  return current;
}
