import type { Viseme } from "../core/timeline.js";

/**
 * A mouth pose in drawer-neutral units, so the illustrated face and the photo mesh read the same numbers.
 * All values are 0..1 except `wide`.
 */
export interface MouthShape {
  /** How far the jaw drops. */
  jaw: number;
  /** Gap between the lips, on top of what the jaw gives. */
  open: number;
  /** Lip corners: positive spread (smile-like, "ee"), negative rounded and pushed forward ("oo"). -1..1 */
  wide: number;
  /** How much of the teeth shows when the lips part. */
  teeth: number;
  /** Tongue tip visible behind the teeth (th, d, n). */
  tongue: number;
}

export const REST_MOUTH: MouthShape = { jaw: 0, open: 0, wide: 0, teeth: 0, tongue: 0 };

/** One pose per Oculus viseme, tuned by eye against reference charts of the Oculus set. */
export const VISEME_SHAPES: Record<Viseme, MouthShape> = {
  sil: REST_MOUTH,
  PP: { jaw: 0.04, open: 0, wide: -0.05, teeth: 0, tongue: 0 },
  FF: { jaw: 0.1, open: 0.12, wide: 0.1, teeth: 1, tongue: 0 },
  TH: { jaw: 0.16, open: 0.22, wide: 0.1, teeth: 0.8, tongue: 1 },
  DD: { jaw: 0.22, open: 0.25, wide: 0.2, teeth: 0.6, tongue: 0.5 },
  kk: { jaw: 0.26, open: 0.3, wide: 0.1, teeth: 0.4, tongue: 0.2 },
  CH: { jaw: 0.15, open: 0.25, wide: -0.35, teeth: 0.9, tongue: 0 },
  SS: { jaw: 0.1, open: 0.15, wide: 0.45, teeth: 1, tongue: 0 },
  nn: { jaw: 0.16, open: 0.2, wide: 0.15, teeth: 0.5, tongue: 0.6 },
  RR: { jaw: 0.2, open: 0.25, wide: -0.35, teeth: 0.3, tongue: 0.2 },
  aa: { jaw: 0.85, open: 0.75, wide: 0.2, teeth: 0.3, tongue: 0.1 },
  E: { jaw: 0.45, open: 0.45, wide: 0.55, teeth: 0.6, tongue: 0 },
  I: { jaw: 0.3, open: 0.3, wide: 0.7, teeth: 0.7, tongue: 0 },
  O: { jaw: 0.55, open: 0.55, wide: -0.6, teeth: 0.1, tongue: 0 },
  U: { jaw: 0.3, open: 0.25, wide: -0.85, teeth: 0, tongue: 0 },
};

const KEYS = ["jaw", "open", "wide", "teeth", "tongue"] as const;

/** Weighted mean of poses; weights need not sum to one. */
export function blendMouths(parts: { shape: MouthShape; weight: number }[]): MouthShape {
  const sum = { jaw: 0, open: 0, wide: 0, teeth: 0, tongue: 0 };
  let total = 0;
  for (const { shape, weight } of parts) {
    total += weight;
    for (const key of KEYS) sum[key] += shape[key] * weight;
  }
  if (total <= 0) return REST_MOUTH;
  for (const key of KEYS) sum[key] /= total;
  return sum;
}

/** A pose pulled toward rest: a viseme spoken softly (its timeline weight below one). */
export function scaleMouth(shape: MouthShape, amount: number): MouthShape {
  return {
    jaw: shape.jaw * amount,
    open: shape.open * amount,
    wide: shape.wide * amount,
    teeth: shape.teeth * amount,
    tongue: shape.tongue * amount,
  };
}
