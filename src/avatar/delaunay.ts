/**
 * Delaunay triangulation (Bowyer-Watson). O(n²), which is nothing for the ~500 points of a face and runs once per
 * render; it avoids shipping the mesh topology as a table we would have to keep in step with the model.
 */
export function triangulate(xs: Float64Array, ys: Float64Array): number[] {
  const count = xs.length;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < count; index++) {
    minX = Math.min(minX, xs[index] as number);
    maxX = Math.max(maxX, xs[index] as number);
    minY = Math.min(minY, ys[index] as number);
    maxY = Math.max(maxY, ys[index] as number);
  }
  const span = Math.max(maxX - minX, maxY - minY) * 20 + 1;
  const px = [...xs, minX - span, minX + span * 2, minX - span];
  const py = [...ys, minY - span, minY - span, minY + span * 2];
  let triangles: Triangle[] = [makeTriangle(px, py, count, count + 1, count + 2)];

  for (let index = 0; index < count; index++) {
    const x = px[index] as number;
    const y = py[index] as number;
    const bad = triangles.filter((triangle) => (x - triangle.cx) ** 2 + (y - triangle.cy) ** 2 < triangle.r2);
    triangles = triangles.filter(
      (triangle) => (x - triangle.cx) ** 2 + (y - triangle.cy) ** 2 >= triangle.r2,
    );
    // The hole's boundary: edges that belong to exactly one bad triangle.
    const edges = new Map<string, [number, number]>();
    for (const triangle of bad) {
      for (const [a, b] of [
        [triangle.a, triangle.b],
        [triangle.b, triangle.c],
        [triangle.c, triangle.a],
      ] as [number, number][]) {
        const key = a < b ? `${a},${b}` : `${b},${a}`;
        if (edges.has(key)) edges.delete(key);
        else edges.set(key, [a, b]);
      }
    }
    for (const [a, b] of edges.values()) triangles.push(makeTriangle(px, py, a, b, index));
  }
  const result: number[] = [];
  for (const triangle of triangles) {
    if (triangle.a < count && triangle.b < count && triangle.c < count) {
      result.push(triangle.a, triangle.b, triangle.c);
    }
  }
  return result;
}

interface Triangle {
  a: number;
  b: number;
  c: number;
  cx: number;
  cy: number;
  r2: number;
}

function makeTriangle(px: number[], py: number[], a: number, b: number, c: number): Triangle {
  const ax = px[a] as number;
  const ay = py[a] as number;
  const bx = px[b] as number;
  const by = py[b] as number;
  const cx = px[c] as number;
  const cy = py[c] as number;
  const d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
  if (Math.abs(d) < 1e-12) return { a, b, c, cx: 0, cy: 0, r2: Number.POSITIVE_INFINITY };
  const a2 = ax * ax + ay * ay;
  const b2 = bx * bx + by * by;
  const c2 = cx * cx + cy * cy;
  const ux = (a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d;
  const uy = (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d;
  return { a, b, c, cx: ux, cy: uy, r2: (ax - ux) ** 2 + (ay - uy) ** 2 };
}
