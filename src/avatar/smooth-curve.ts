/**
 * A smooth curve y(x) through a flat, x-sorted polyline [x0, y0, x1, y1, …]: a cubic Hermite spline whose tangent at
 * each point is the slope between its neighbours (Catmull-Rom for uneven spacing). The lip lines are eleven mesh
 * points; joined straight, a mouth at 1024 px shows their corners, joined this way it follows the lips' own curve.
 * Flat beyond its ends, like `polylineAt`.
 */
export function smoothAt(line: readonly number[], x: number): number {
  const count = line.length >> 1;
  if (count === 0) return 0;
  if (x <= (line[0] as number)) return line[1] as number;
  if (x >= (line[(count - 1) * 2] as number)) return line[(count - 1) * 2 + 1] as number;
  let index = 1;
  while (index < count - 1 && (line[index * 2] as number) < x) index++;
  const x0 = line[(index - 1) * 2] as number;
  const y0 = line[(index - 1) * 2 + 1] as number;
  const x1 = line[index * 2] as number;
  const y1 = line[index * 2 + 1] as number;
  const span = x1 - x0;
  if (span <= 1e-9) return y1;
  const t = (x - x0) / span;
  const m0 = tangent(line, index - 1, count) * span;
  const m1 = tangent(line, index, count) * span;
  const t2 = t * t;
  const t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * m1;
}

/** dy/dx at point `index`: between its neighbours, or one-sided at the ends. */
function tangent(line: readonly number[], index: number, count: number): number {
  const before = Math.max(0, index - 1);
  const after = Math.min(count - 1, index + 1);
  const dx = (line[after * 2] as number) - (line[before * 2] as number);
  if (dx <= 1e-9) return 0;
  return ((line[after * 2 + 1] as number) - (line[before * 2 + 1] as number)) / dx;
}
