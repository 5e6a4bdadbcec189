import type { SpeechTimeline, TimedViseme } from "../core/timeline.js";
import { blendMouths, type MouthShape, REST_MOUTH, scaleMouth, VISEME_SHAPES } from "./mouth-shapes.js";

/**
 * Lips never jump from one viseme to the next: they are already moving toward the coming sound while the current one
 * ends (coarticulation). We get that by blending every viseme by how much of it falls under a triangular window
 * around t, i.e. the step function of targets convolved with a smooth kernel. It is a pure function of t, so any
 * frame can be drawn on its own (seeking, parallel rendering, a browser that dropped frames).
 */
export const COARTICULATION_MS = 70;

/** Integral of the unit-area triangular kernel of half-width h from -infinity to x. */
function kernelIntegral(x: number, h: number): number {
  if (x <= -h) return 0;
  if (x >= h) return 1;
  if (x <= 0) return (x + h) ** 2 / (2 * h * h);
  return 1 - (h - x) ** 2 / (2 * h * h);
}

/** How much of [start, end) lies under the window around t, 0..1. */
export function windowOverlap(start: number, end: number, t: number, halfWidth: number): number {
  return kernelIntegral(end - t, halfWidth) - kernelIntegral(start - t, halfWidth);
}

/** Index of the first viseme that may overlap a window starting at `from` (visemes are sorted by start). */
function firstCandidate(visemes: TimedViseme[], from: number): number {
  let low = 0;
  let high = visemes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const viseme = visemes[middle] as TimedViseme;
    if (viseme.start + viseme.duration < from) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The visemes whose interval overlaps [t - halfWidth, t + halfWidth], with their overlap weight. */
function overlapping(visemes: TimedViseme[], t: number, halfWidth: number) {
  const found: { viseme: TimedViseme; overlap: number }[] = [];
  for (let index = firstCandidate(visemes, t - halfWidth); index < visemes.length; index++) {
    const viseme = visemes[index] as TimedViseme;
    if (viseme.start > t + halfWidth) break;
    const overlap = windowOverlap(viseme.start, viseme.start + viseme.duration, t, halfWidth);
    if (overlap > 0) found.push({ viseme, overlap });
  }
  return found;
}

/** The mouth pose at t ms; time not covered by any viseme counts as the closed resting mouth. */
export function mouthAt(timeline: SpeechTimeline, t: number, halfWidth = COARTICULATION_MS): MouthShape {
  const parts = overlapping(timeline.visemes, t, halfWidth).map(({ viseme, overlap }) => ({
    shape: scaleMouth(VISEME_SHAPES[viseme.viseme], viseme.weight ?? 1),
    weight: overlap,
  }));
  const covered = parts.reduce((sum, part) => sum + part.weight, 0);
  if (covered < 1) parts.push({ shape: REST_MOUTH, weight: 1 - covered });
  const blended = blendMouths(parts);
  const closure = bilabialClosure(timeline.visemes, t);
  return closure > 0
    ? blendMouths([
        { shape: blended, weight: 1 - closure },
        { shape: VISEME_SHAPES.PP, weight: closure },
      ])
    : blended;
}

/**
 * p, b and m are made by closing the lips, however short they are and whatever vowels surround them: blending alone
 * would leave a short one half open. So the lips close over `BILABIAL_EASE_MS` centred on the PP viseme's edges
 * (already closing before it, as speakers do) and stay closed inside it.
 */
export const BILABIAL_EASE_MS = 60;

function bilabialClosure(visemes: TimedViseme[], t: number): number {
  let closure = 0;
  const reach = BILABIAL_EASE_MS / 2;
  for (let index = firstCandidate(visemes, t - reach); index < visemes.length; index++) {
    const viseme = visemes[index] as TimedViseme;
    if (viseme.start > t + reach) break;
    if (viseme.viseme !== "PP") continue;
    const inside = Math.min(t - viseme.start, viseme.start + viseme.duration - t) + reach;
    const eased = Math.min(1, Math.max(0, inside / BILABIAL_EASE_MS));
    closure = Math.max(closure, eased * eased * (3 - 2 * eased) * (viseme.weight ?? 1));
  }
  return closure;
}

/** 0..1: how much speech surrounds t (the head moves more, and listens less, while talking). */
export function speechActivity(timeline: SpeechTimeline, t: number, halfWidth = 400): number {
  let active = 0;
  for (const { viseme, overlap } of overlapping(timeline.visemes, t, halfWidth)) {
    if (viseme.viseme !== "sil") active += overlap;
  }
  return Math.min(1, active);
}
