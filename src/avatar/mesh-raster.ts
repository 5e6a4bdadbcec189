import { MOUTH, type PhotoMesh } from "./photo-mesh.js";
import { samplePhoto } from "./photo-sample.js";
import { polyline, polylineAt } from "./polyline.js";

/**
 * A software rasterizer for the photo mesh: each moved triangle is filled by sampling the photo through the affine
 * map back to its rest triangle (bilinear). Pure TypeScript over RGBA bytes, so the same code fills an ImageData in
 * the browser and a frame for ffmpeg in Node; only the face region is touched, which keeps it cheap.
 */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** What the mouth's inside looks like this frame: teeth 0..1 of the teeth band. */
export interface MouthInside {
  teeth: number;
}

const STILL = 0.01;
/** Scratch colour for the sampler: reused, so drawing a frame allocates nothing per pixel. */
const rgb = new Float64Array(3);

/** Draws the mesh at `moved` into `target`, which must already hold the photo (pixels outside moved triangles). */
export function drawPhotoMesh(
  target: RgbaImage,
  photo: RgbaImage,
  mesh: PhotoMesh,
  moved: Float32Array,
  inside: MouthInside,
  lips: LipLines,
  opening: PhotoOpening,
): void {
  const { triangles, rest, kinds } = mesh;
  for (let triangle = 0; triangle < kinds.length; triangle++) {
    const a = triangles[triangle * 3] as number;
    const b = triangles[triangle * 3 + 1] as number;
    const c = triangles[triangle * 3 + 2] as number;
    if (!hasMoved(rest, moved, a) && !hasMoved(rest, moved, b) && !hasMoved(rest, moved, c)) continue;
    if (kinds[triangle] === MOUTH) fillMouth(target, photo, rest, moved, a, b, c, lips, opening, inside);
    else fillTextured(target, photo, rest, moved, a, b, c);
  }
}

function hasMoved(rest: Float32Array, moved: Float32Array, vertex: number): boolean {
  return (
    Math.abs((rest[vertex * 2] as number) - (moved[vertex * 2] as number)) > STILL ||
    Math.abs((rest[vertex * 2 + 1] as number) - (moved[vertex * 2 + 1] as number)) > STILL
  );
}

/** Calls `pixel(x, y, u, v)` for each pixel centre inside triangle abc; u, v are barycentric weights of b and c. */
function scan(
  width: number,
  height: number,
  points: Float32Array,
  a: number,
  b: number,
  c: number,
  pixel: (offset: number, u: number, v: number) => void,
): void {
  const ax = points[a * 2] as number;
  const ay = points[a * 2 + 1] as number;
  const bx = points[b * 2] as number;
  const by = points[b * 2 + 1] as number;
  const cx = points[c * 2] as number;
  const cy = points[c * 2 + 1] as number;
  const area = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay);
  if (Math.abs(area) < 1e-6) return;
  const minX = Math.max(0, Math.floor(Math.min(ax, bx, cx)));
  const maxX = Math.min(width - 1, Math.ceil(Math.max(ax, bx, cx)));
  const minY = Math.max(0, Math.floor(Math.min(ay, by, cy)));
  const maxY = Math.min(height - 1, Math.ceil(Math.max(ay, by, cy)));
  const inverse = 1 / area;
  // Small tolerance so triangles sharing an edge leave no cracks.
  const epsilon = -1e-4;
  for (let y = minY; y <= maxY; y++) {
    const py = y + 0.5;
    for (let x = minX; x <= maxX; x++) {
      const px = x + 0.5;
      const u = ((px - ax) * (cy - ay) - (cx - ax) * (py - ay)) * inverse;
      const v = ((bx - ax) * (py - ay) - (px - ax) * (by - ay)) * inverse;
      if (u < epsilon || v < epsilon || u + v > 1 - epsilon) continue;
      pixel((y * width + x) * 4, u, v);
    }
  }
}

function fillTextured(
  target: RgbaImage,
  photo: RgbaImage,
  rest: Float32Array,
  moved: Float32Array,
  a: number,
  b: number,
  c: number,
): void {
  const sax = rest[a * 2] as number;
  const say = rest[a * 2 + 1] as number;
  const ubx = (rest[b * 2] as number) - sax;
  const uby = (rest[b * 2 + 1] as number) - say;
  const vcx = (rest[c * 2] as number) - sax;
  const vcy = (rest[c * 2 + 1] as number) - say;
  const out = target.data;
  scan(target.width, target.height, moved, a, b, c, (offset, u, v) => {
    // Sample at the pixel centre of the rest position.
    samplePhoto(photo, sax + u * ubx + v * vcx, say + u * uby + v * vcy, rgb);
    out[offset] = (rgb[0] as number) + 0.5;
    out[offset + 1] = (rgb[1] as number) + 0.5;
    out[offset + 2] = (rgb[2] as number) + 0.5;
    out[offset + 3] = 255;
  });
}

/**
 * The mouth's inside. The photo's own opening (whatever shows between its inner lip lines at rest: teeth, tongue, a
 * dark gap, or nothing when the lips meet) is split across at `split`: the part above hangs from the upper lip, the
 * part below rides on the lower lip, each re-sampled from the photo at its rest distance from its lip, so at rest the
 * mouth is exactly the photo's. Only where the lips part further than in the photo does the gap between the two parts
 * show the drawn inside: a dark cavity, darker towards the throat, topped by drawn upper teeth only when the photo's
 * mouth is closed (a photo that shows its own teeth keeps them). Distances follow the lip lines in pixels, not
 * per-triangle attributes, so the edges are straight across triangles.
 */
function fillMouth(
  target: RgbaImage,
  photo: RgbaImage,
  rest: Float32Array,
  moved: Float32Array,
  a: number,
  b: number,
  c: number,
  lips: LipLines,
  opening: PhotoOpening,
  inside: MouthInside,
): void {
  const sax = rest[a * 2] as number;
  const ubx = (rest[b * 2] as number) - sax;
  const vcx = (rest[c * 2] as number) - sax;
  const out = target.data;
  const width = target.width;
  const { split } = opening;
  scan(target.width, target.height, moved, a, b, c, (offset, u, v) => {
    const pixel = offset / 4;
    const x = (pixel % width) + 0.5;
    const y = (pixel - (pixel % width)) / width + 0.5;
    const upper = polylineAt(lips.upper, x);
    const lower = polylineAt(lips.lower, x);
    // The same column in the photo (the lips move along the face's axis, the head may shift it sideways).
    const restX = sax + u * ubx + v * vcx;
    const restUpper = polylineAt(opening.upper, restX);
    const restGap = Math.max(0, polylineAt(opening.lower, restX) - restUpper);
    const hanging = restGap * split;
    const below = y - upper;
    // The photo's part: hanging from the upper lip above the split, riding on the lower lip below it.
    const restY =
      below <= hanging ? restUpper + below : restUpper + restGap - Math.min(restGap - hanging, lower - y);
    // Newly opened space runs from the bottom of the upper part to the top of the lower part. Its share of this
    // pixel comes from the distance to the nearer edge across the edge's slope, so edges are anti-aliased even where
    // the lips slope steeply at the corners; a mouth parted by under a pixel is a faint line, not a hard black one;
    // and at rest (no new space) the mouth is exactly the photo's.
    const top = upper + hanging;
    const bottom = lower - (restGap - hanging);
    const slopeUpper = polylineAt(lips.upper, x + 0.5) - polylineAt(lips.upper, x - 0.5);
    const slopeLower = polylineAt(lips.lower, x + 0.5) - polylineAt(lips.lower, x - 0.5);
    const edge = Math.min((y - top) / Math.hypot(1, slopeUpper), (bottom - y) / Math.hypot(1, slopeLower));
    const coverage = Math.min(1, Math.max(0, edge + 0.5)) * Math.min(1, Math.max(0, bottom - top));
    samplePhoto(photo, restX, restY, rgb);
    if (coverage > 0) {
      const gap = Math.max(1, lower - upper);
      const cavity = Math.max(1, gap - restGap);
      const teethHeight =
        Math.min(gap * 0.45, lips.teethMax) * (0.6 + 0.4 * inside.teeth) * opening.teeth - hanging;
      const depth = y - top;
      insideColour(depth, teethHeight, hanging, cavity, drawn);
      for (let channel = 0; channel < 3; channel++) {
        rgb[channel] = (rgb[channel] as number) * (1 - coverage) + (drawn[channel] as number) * coverage;
      }
    }
    out[offset] = (rgb[0] as number) + 0.5;
    out[offset + 1] = (rgb[1] as number) + 0.5;
    out[offset + 2] = (rgb[2] as number) + 0.5;
    out[offset + 3] = 255;
  });
}

const drawn = new Float32Array(3);

/** The drawn inside at `depth` pixels below the upper part: teeth (when drawn) shading down, then the cavity. */
function insideColour(
  depth: number,
  teethHeight: number,
  hanging: number,
  cavity: number,
  colour: Float32Array,
) {
  if (depth < teethHeight) {
    const shade = 0.8 + 0.2 * ((depth + hanging) / (teethHeight + hanging));
    colour[0] = 228 * shade;
    colour[1] = 222 * shade;
    colour[2] = 210 * shade;
    return;
  }
  // Dark under the upper jaw, warming towards the tongue at the bottom of the opening.
  const throat = Math.min(
    1,
    Math.max(0, depth - Math.max(0, teethHeight)) / Math.max(1, cavity - teethHeight),
  );
  const tongue = Math.max(0, (throat - 0.55) / 0.45) ** 1.5;
  colour[0] = 28 + 24 * throat + 70 * tongue;
  colour[1] = 9 + 6 * throat + 26 * tongue;
  colour[2] = 12 + 8 * throat + 26 * tongue;
}

/**
 * The photo's own mouth opening: its inner lip lines at rest, and where across the opening (0 at the upper lip, 1 at
 * the lower) the upper jaw's part ends and the lower jaw's begins: the gap between upper and lower teeth where the
 * photo shows both, else the lower lip (all of it hangs from the upper lip).
 */
export interface PhotoOpening {
  upper: number[];
  lower: number[];
  split: number;
  /** 1 where the photo's mouth is (nearly) closed, so teeth are drawn as it opens; 0 where it shows its own. */
  teeth: number;
}

const SPLIT_ROWS = 16;
/** How much darker than the teeth on both sides the gap between them is, in luminance. */
const VALLEY = 40;

export function photoOpening(photo: RgbaImage, lips: LipLines): PhotoOpening {
  const { upper, lower } = lips;
  const from = upper[0] as number;
  const to = upper[upper.length - 2] as number;
  // Rows of the opening in lip-relative terms, averaged over the middle of the mouth where it is open enough.
  const sums = new Float64Array(SPLIT_ROWS + 1);
  let columns = 0;
  for (let x = Math.ceil(from + (to - from) * 0.2); x <= from + (to - from) * 0.8; x++) {
    const top = polylineAt(upper, x + 0.5);
    const gap = polylineAt(lower, x + 0.5) - top;
    if (gap < Math.max(2, lips.teethMax * 0.5)) continue;
    columns++;
    for (let row = 0; row <= SPLIT_ROWS; row++) {
      const px = Math.min(photo.width - 1, Math.max(0, x));
      const py = Math.min(photo.height - 1, Math.max(0, Math.floor(top + (gap * row) / SPLIT_ROWS)));
      const offset = (py * photo.width + px) * 4;
      sums[row] =
        (sums[row] as number) +
        0.299 * (photo.data[offset] as number) +
        0.587 * (photo.data[offset + 1] as number) +
        0.114 * (photo.data[offset + 2] as number);
    }
  }
  let split = 1;
  if (columns > 0) {
    const rows = Array.from(sums, (sum) => sum / columns);
    // The gap between upper and lower teeth is a dark valley with teeth on both sides; without one (only upper
    // teeth show, or a dark opening, or none) everything the photo shows hangs from the upper lip.
    for (let row = Math.round(SPLIT_ROWS * 0.3); row <= Math.round(SPLIT_ROWS * 0.9); row++) {
      const value = rows[row] as number;
      // The first and last rows are the lips' edges, not teeth.
      const above = Math.max(...rows.slice(1, row));
      const below = Math.max(...rows.slice(row + 1, SPLIT_ROWS));
      if (
        above - value >= VALLEY &&
        below - value >= VALLEY &&
        value < (rows[Math.round(split * SPLIT_ROWS)] ?? 255)
      ) {
        split = row / SPLIT_ROWS;
      }
    }
  }
  return { upper: [...upper], lower: [...lower], split, teeth: columns > 0 ? 0 : 1 };
}

/** The inner lip lines of this frame as x-sorted polylines [x0, y0, x1, y1, …]; `teethMax` in pixels. */
export interface LipLines {
  upper: number[];
  lower: number[];
  teethMax: number;
}

export function lipLines(
  moved: Float32Array,
  upper: readonly number[],
  lower: readonly number[],
  teethMax: number,
): LipLines {
  const line = (indices: readonly number[]) =>
    polyline(indices.map((index) => [moved[index * 2] as number, moved[index * 2 + 1] as number] as const));
  return { upper: line(upper), lower: line(lower), teethMax };
}
