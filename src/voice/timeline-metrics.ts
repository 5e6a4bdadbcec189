import type { TimedViseme } from "../core/timeline.js";
import type { PhoneSegment } from "./phone-segments.js";
import { visemeForPhoneme } from "./phoneme-visemes.js";

/**
 * How far viseme boundaries lie from the phone boundaries they stand for: for every phone boundary where the viseme
 * changes, the distance to the nearest viseme boundary (ms). Used by tests and the benchmark to check lip-sync.
 */
export function boundaryErrors(phones: PhoneSegment[], visemes: TimedViseme[]): number[] {
  const visemeBoundaries = visemes.slice(1).map((viseme) => viseme.start);
  const errors: number[] = [];
  phones.forEach((phone, index) => {
    const next = phones[index + 1];
    if (!next || visemeForPhoneme(phone.phone) === visemeForPhoneme(next.phone)) return;
    const nearest = Math.min(...visemeBoundaries.map((boundary) => Math.abs(boundary - phone.end)));
    errors.push(nearest);
  });
  return errors;
}

/** Pearson correlation of two equally long series; NaN when either is constant. */
export function correlation(a: number[], b: number[]): number {
  const length = Math.min(a.length, b.length);
  const mean = (values: number[]) => values.slice(0, length).reduce((sum, value) => sum + value, 0) / length;
  const meanA = mean(a);
  const meanB = mean(b);
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (let index = 0; index < length; index++) {
    const x = (a[index] as number) - meanA;
    const y = (b[index] as number) - meanB;
    covariance += x * y;
    varianceA += x * x;
    varianceB += y * y;
  }
  return covariance / Math.sqrt(varianceA * varianceB);
}
