import type { LipLines, MouthColumns, PhotoOpening } from "./mouth-columns.js";
import { MOUTH, type PhotoMesh } from "./photo-mesh.js";
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

const STILL = 0.01;
/** Small tolerance in the inside test, so triangles sharing an edge leave no cracks. */
const EPSILON = -1e-4;
/** An opaque pixel's alpha byte, in place in a pixel word. */
const ALPHA = 0xff000000;

/**
 * Draws the mesh at `moved` into `target`, which must already hold the photo: outside moved triangles, or, with
 * `everyTriangle`, outside the mesh (unmoved triangles are drawn too, which copies their pixels from the photo).
 */
export function drawPhotoMesh(
  target: RgbaImage,
  photo: RgbaImage,
  mesh: PhotoMesh,
  moved: Float32Array,
  mouth: MouthColumns,
  everyTriangle = false,
): void {
  const { triangles, rest, kinds } = mesh;
  const out = pixelWords(target);
  const source = pixelWords(photo);
  for (let triangle = 0; triangle < kinds.length; triangle++) {
    const a = triangles[triangle * 3] as number;
    const b = triangles[triangle * 3 + 1] as number;
    const c = triangles[triangle * 3 + 2] as number;
    const still = !hasMoved(rest, moved, a) && !hasMoved(rest, moved, b) && !hasMoved(rest, moved, c);
    if (still && !everyTriangle) continue;
    if (kinds[triangle] === MOUTH) fillMouth(target, moved, a, b, c, mouth);
    else fillTextured(out, target, source, photo, rest, moved, a, b, c);
  }
  mouth.paintOpening(target);
}

/**
 * The image's pixels as one 32-bit word each (RGBA bytes in memory order: red in the low byte on the little-endian
 * machines browsers and Node run on), so a pixel is read and written in one access instead of four.
 */
function pixelWords(image: RgbaImage): Uint32Array {
  const { data } = image;
  return new Uint32Array(data.buffer, data.byteOffset, data.length >> 2);
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
  for (let y = minY; y <= maxY; y++) {
    const py = y + 0.5;
    for (let x = minX; x <= maxX; x++) {
      const px = x + 0.5;
      const u = ((px - ax) * (cy - ay) - (cx - ax) * (py - ay)) * inverse;
      const v = ((bx - ax) * (py - ay) - (px - ax) * (by - ay)) * inverse;
      if (u < EPSILON || v < EPSILON || u + v > 1 - EPSILON) continue;
      pixel((y * width + x) * 4, u, v);
    }
  }
}

/**
 * One skin triangle: each pixel centre inside the moved triangle samples the photo (bilinear) at the same barycentric
 * place in the rest triangle. The hottest loop of a render, so it is written out in full: the map from frame to photo
 * is affine, so along a row the sample point moves by a constant step; each row covers exactly the pixel centres
 * inside all three edges (with `scan`'s tolerance), found once per row instead of tested per pixel.
 */
function fillTextured(
  out: Uint32Array,
  target: RgbaImage,
  source: Uint32Array,
  photo: RgbaImage,
  rest: Float32Array,
  moved: Float32Array,
  a: number,
  b: number,
  c: number,
): void {
  const ax = moved[a * 2] as number;
  const ay = moved[a * 2 + 1] as number;
  const bx = moved[b * 2] as number;
  const by = moved[b * 2 + 1] as number;
  const cx = moved[c * 2] as number;
  const cy = moved[c * 2 + 1] as number;
  const area = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay);
  if (Math.abs(area) < 1e-6) return;
  const width = target.width;
  const minX = Math.max(0, Math.floor(Math.min(ax, bx, cx)));
  const maxX = Math.min(width - 1, Math.ceil(Math.max(ax, bx, cx)));
  const minY = Math.max(0, Math.floor(Math.min(ay, by, cy)));
  const maxY = Math.min(target.height - 1, Math.ceil(Math.max(ay, by, cy)));
  const inverse = 1 / area;
  // Barycentric u (weight of b) and v (weight of c) at pixel centre (px, py): u = uX·px + uY·py + u0, likewise v.
  const uX = (cy - ay) * inverse;
  const uY = -(cx - ax) * inverse;
  const u0 = -(ax * uX + ay * uY);
  const vX = -(by - ay) * inverse;
  const vY = (bx - ax) * inverse;
  const v0 = -(ax * vX + ay * vY);
  // The third weight 1 − u − v changes along a row by wX; the reciprocals turn each row's edge crossings into products.
  const wX = -(uX + vX);
  const uInverse = 1 / uX;
  const vInverse = 1 / vX;
  const wInverse = 1 / wX;
  const sax = rest[a * 2] as number;
  const say = rest[a * 2 + 1] as number;
  const ubx = (rest[b * 2] as number) - sax;
  const uby = (rest[b * 2 + 1] as number) - say;
  const vcx = (rest[c * 2] as number) - sax;
  const vcy = (rest[c * 2 + 1] as number) - say;
  // Photo position of the sample, minus the half pixel of the bilinear grid, and its step per frame pixel along x.
  const stepX = uX * ubx + vX * vcx;
  const stepY = uX * uby + vX * vcy;
  const stride = photo.width;
  const limitX = photo.width - 1.001;
  const limitY = photo.height - 1.001;
  for (let y = minY; y <= maxY; y++) {
    const py = y + 0.5;
    const uRow = u0 + uY * py;
    const vRow = v0 + vY * py;
    // The pixel centres px with u ≥ ε, v ≥ ε and u + v ≤ 1 − ε: each a half-line in px.
    let low = minX + 0.5;
    let high = maxX + 0.5;
    const uAt = uRow - EPSILON;
    const vAt = vRow - EPSILON;
    const wAt = 1 - EPSILON - uRow - vRow;
    if (uX > 0) low = Math.max(low, -uAt * uInverse);
    else if (uX < 0) high = Math.min(high, -uAt * uInverse);
    else if (uAt < 0) continue;
    if (vX > 0) low = Math.max(low, -vAt * vInverse);
    else if (vX < 0) high = Math.min(high, -vAt * vInverse);
    else if (vAt < 0) continue;
    if (wX > 0) low = Math.max(low, -wAt * wInverse);
    else if (wX < 0) high = Math.min(high, -wAt * wInverse);
    else if (wAt < 0) continue;
    const from = Math.ceil(low - 0.5);
    const to = Math.floor(high - 0.5);
    if (from > to) continue;
    const px = from + 0.5;
    const u = uRow + uX * px;
    const v = vRow + vX * px;
    let sx = sax + u * ubx + v * vcx - 0.5;
    let sy = say + u * uby + v * vcy - 0.5;
    let offset = y * width + from;
    for (let x = from; x <= to; x++, sx += stepX, sy += stepY, offset++) {
      const clampedX = Math.min(limitX, Math.max(0, sx));
      const clampedY = Math.min(limitY, Math.max(0, sy));
      const x0 = clampedX | 0;
      const y0 = clampedY | 0;
      const fx = clampedX - x0;
      const fy = clampedY - y0;
      const i00 = y0 * stride + x0;
      const i01 = i00 + stride;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const p00 = source[i00] as number;
      const p10 = source[i00 + 1] as number;
      const p01 = source[i01] as number;
      const p11 = source[i01 + 1] as number;
      // Each channel's bilinear sum, rounded (+0.5, truncated as a byte store would), packed back with full alpha.
      const red = (p00 & 255) * w00 + (p10 & 255) * w10 + (p01 & 255) * w01 + (p11 & 255) * w11 + 0.5;
      const green =
        ((p00 >>> 8) & 255) * w00 +
        ((p10 >>> 8) & 255) * w10 +
        ((p01 >>> 8) & 255) * w01 +
        ((p11 >>> 8) & 255) * w11 +
        0.5;
      const blue =
        ((p00 >>> 16) & 255) * w00 +
        ((p10 >>> 16) & 255) * w10 +
        ((p01 >>> 16) & 255) * w01 +
        ((p11 >>> 16) & 255) * w11 +
        0.5;
      out[offset] = red | 0 | ((green | 0) << 8) | ((blue | 0) << 16) | ALPHA;
    }
  }
}

/** The mouth's triangles: each pixel as the frame's mouth columns paint it (mouth-columns.ts). */
function fillMouth(
  target: RgbaImage,
  moved: Float32Array,
  a: number,
  b: number,
  c: number,
  mouth: MouthColumns,
): void {
  const width = target.width;
  scan(target.width, target.height, moved, a, b, c, (offset) => {
    const pixel = offset / 4;
    const x = pixel % width;
    mouth.paint(target, x, (pixel - x) / width);
  });
}

const SPLIT_ROWS = 16;
/** How much darker than the teeth on both sides the gap between them is, in luminance. */
const VALLEY = 40;

/** Where the photo's own opening splits between the jaws, and whether it shows teeth (see `PhotoOpening`). */
export function photoOpening(photo: RgbaImage, lips: LipLines, teethMax: number): PhotoOpening {
  const { upper, lower } = lips;
  const from = upper[0] as number;
  const to = upper[upper.length - 2] as number;
  // Rows of the opening in lip-relative terms, averaged over the middle of the mouth where it is open enough.
  const sums = new Float64Array(SPLIT_ROWS + 1);
  const teeth = new Float64Array(4);
  let columns = 0;
  for (let x = Math.ceil(from + (to - from) * 0.2); x <= from + (to - from) * 0.8; x++) {
    const top = polylineAt(upper, x + 0.5);
    const gap = polylineAt(lower, x + 0.5) - top;
    if (gap < Math.max(2, teethMax * 0.5)) continue;
    columns++;
    for (let row = 0; row <= SPLIT_ROWS; row++) {
      const px = Math.min(photo.width - 1, Math.max(0, x));
      const py = Math.min(photo.height - 1, Math.max(0, Math.floor(top + (gap * row) / SPLIT_ROWS)));
      const offset = (py * photo.width + px) * 4;
      const red = photo.data[offset] as number;
      const green = photo.data[offset + 1] as number;
      const blue = photo.data[offset + 2] as number;
      const luma = 0.299 * red + 0.587 * green + 0.114 * blue;
      sums[row] = (sums[row] as number) + luma;
      // Bright, hardly red pixels inside the opening are teeth: drawn teeth take their tint.
      if (row > 0 && row < SPLIT_ROWS && luma > 150 && red - blue < 60) {
        teeth[0] = (teeth[0] as number) + red;
        teeth[1] = (teeth[1] as number) + green;
        teeth[2] = (teeth[2] as number) + blue;
        teeth[3] = (teeth[3] as number) + 1;
      }
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
  const found = teeth[3] as number;
  const teethColour: [number, number, number] =
    found >= 8
      ? [(teeth[0] as number) / found, (teeth[1] as number) / found, (teeth[2] as number) / found]
      : [236, 230, 218];
  return { upper: [...upper], lower: [...lower], split, teeth: columns > 0 ? 0 : 1, teethColour };
}

/** The inner lip lines of this frame as x-sorted polylines. */
export function lipLines(moved: Float32Array, upper: readonly number[], lower: readonly number[]): LipLines {
  const line = (indices: readonly number[]) =>
    polyline(indices.map((index) => [moved[index * 2] as number, moved[index * 2 + 1] as number] as const));
  return { upper: line(upper), lower: line(lower) };
}
