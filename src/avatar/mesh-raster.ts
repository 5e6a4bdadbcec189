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

/** What the mouth's inside looks like this frame: teeth 0..1 of the teeth band. */
export interface MouthInside {
  teeth: number;
}

const STILL = 0.01;

/** Draws the mesh at `moved` into `target`, which must already hold the photo (pixels outside moved triangles). */
export function drawPhotoMesh(
  target: RgbaImage,
  photo: RgbaImage,
  mesh: PhotoMesh,
  moved: Float32Array,
  inside: MouthInside,
  lips: LipLines,
): void {
  const { triangles, rest, kinds } = mesh;
  for (let triangle = 0; triangle < kinds.length; triangle++) {
    const a = triangles[triangle * 3] as number;
    const b = triangles[triangle * 3 + 1] as number;
    const c = triangles[triangle * 3 + 2] as number;
    if (kinds[triangle] === MOUTH) {
      fillMouth(target, moved, a, b, c, lips, inside);
    } else if (hasMoved(rest, moved, a) || hasMoved(rest, moved, b) || hasMoved(rest, moved, c)) {
      fillTextured(target, photo, rest, moved, a, b, c);
    }
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
  const source = photo.data;
  const out = target.data;
  const maxX = photo.width - 1.001;
  const maxY = photo.height - 1.001;
  scan(target.width, target.height, moved, a, b, c, (offset, u, v) => {
    // Sample at the pixel centre of the rest position (bilinear).
    const sx = Math.min(maxX, Math.max(0, sax + u * ubx + v * vcx - 0.5));
    const sy = Math.min(maxY, Math.max(0, say + u * uby + v * vcy - 0.5));
    const x0 = sx | 0;
    const y0 = sy | 0;
    const fx = sx - x0;
    const fy = sy - y0;
    const i00 = (y0 * photo.width + x0) * 4;
    const i10 = i00 + 4;
    const i01 = i00 + photo.width * 4;
    const i11 = i01 + 4;
    for (let channel = 0; channel < 3; channel++) {
      const top = (source[i00 + channel] as number) * (1 - fx) + (source[i10 + channel] as number) * fx;
      const bottom = (source[i01 + channel] as number) * (1 - fx) + (source[i11 + channel] as number) * fx;
      out[offset + channel] = top * (1 - fy) + bottom * fy + 0.5;
    }
    out[offset + 3] = 255;
  });
}

/**
 * The mouth's inside: upper teeth hanging from the upper lip line, a dark cavity below, darker towards the throat.
 * Shading follows the lip lines in pixels (not per-triangle attributes), so the teeth edge is straight.
 */
function fillMouth(
  target: RgbaImage,
  moved: Float32Array,
  a: number,
  b: number,
  c: number,
  lips: LipLines,
  inside: MouthInside,
): void {
  const out = target.data;
  scan(target.width, target.height, moved, a, b, c, (offset, _u, _v) => {
    const pixel = offset / 4;
    const x = (pixel % target.width) + 0.5;
    const y = Math.floor(pixel / target.width) + 0.5;
    const upper = polylineAt(lips.upper, x);
    const gap = Math.max(1, polylineAt(lips.lower, x) - upper);
    const teethHeight = Math.min(gap * 0.45, lips.teethMax) * (0.6 + 0.4 * inside.teeth);
    const below = y - upper;
    if (below < teethHeight) {
      const shade = 0.8 + 0.2 * (below / teethHeight);
      out[offset] = 228 * shade;
      out[offset + 1] = 222 * shade;
      out[offset + 2] = 210 * shade;
    } else {
      const depth = Math.min(1, (below - teethHeight) / Math.max(1, gap - teethHeight));
      out[offset] = 30 + 40 * depth;
      out[offset + 1] = 8 + 8 * depth;
      out[offset + 2] = 12 + 10 * depth;
    }
    out[offset + 3] = 255;
  });
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
) {
  const line = (indices: readonly number[]) =>
    polyline(indices.map((index) => [moved[index * 2] as number, moved[index * 2 + 1] as number] as const));
  return { upper: line(upper), lower: line(lower), teethMax };
}
