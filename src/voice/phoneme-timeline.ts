import type { TimedViseme, Viseme } from "../core/timeline.js";
import type { PhoneSegment } from "./phone-segments.js";
import { visemeForPhoneme } from "./phoneme-visemes.js";

/**
 * Shapes shorter than this are absorbed by their neighbours (coarticulation: the mouth does not reach a shape held
 * for one frame at 30 fps, and trying to makes it flicker). Below 40 ms, so no boundary moves more than 20 ms.
 */
export const MIN_VISEME_MS = 35;

// Lip closures and lip-to-teeth contacts are what viewers check lip-sync by: keep them even when short.
const ALWAYS_SHOWN = new Set<Viseme>(["PP", "FF"]);

interface Span {
  viseme: Viseme;
  start: number;
  end: number;
}

/** Visemes from timed phonemes: mapped by the table, merged where equal, short shapes smoothed into their neighbours. */
export function visemesFromPhones(segments: PhoneSegment[], minDuration = MIN_VISEME_MS): TimedViseme[] {
  let spans = mergeEqual(
    segments
      .filter((segment) => segment.end > segment.start)
      .map((segment) => ({
        viseme: visemeForPhoneme(segment.phone),
        start: segment.start,
        end: segment.end,
      })),
  );
  for (;;) {
    const index = shortestRemovable(spans, minDuration);
    if (index === undefined) break;
    spans = absorb(spans, index);
  }
  return spans.map((span) => ({
    viseme: span.viseme,
    start: Math.round(span.start),
    duration: Math.round(span.end) - Math.round(span.start),
  }));
}

function mergeEqual(spans: Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && last.viseme === span.viseme) last.end = span.end;
    else merged.push({ ...span });
  }
  return merged;
}

function shortestRemovable(spans: Span[], minDuration: number): number | undefined {
  let found: number | undefined;
  spans.forEach((span, index) => {
    const length = span.end - span.start;
    if (length >= minDuration || ALWAYS_SHOWN.has(span.viseme) || spans.length < 2) return;
    const best = found === undefined ? undefined : spans[found];
    if (!best || length < best.end - best.start) found = index;
  });
  return found;
}

/** Removes a span, giving half its time to each neighbour (all of it at either end of the clip). */
function absorb(spans: Span[], index: number): Span[] {
  const span = spans[index] as Span;
  const before = spans[index - 1];
  const after = spans[index + 1];
  const middle = (span.start + span.end) / 2;
  if (before) before.end = after ? middle : span.end;
  if (after) after.start = before ? middle : span.start;
  return mergeEqual(spans.filter((_, each) => each !== index));
}
