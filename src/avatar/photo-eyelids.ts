import { MESH } from "./face-landmarks.js";
import type { RgbaImage } from "./mesh-raster.js";
import type { PhotoMesh } from "./photo-mesh.js";
import { samplePhoto } from "./photo-sample.js";
import { polyline, polylineAt } from "./polyline.js";

/**
 * Blinks on a photo. Squashing the eye's mesh only narrows it (a squint: the iris stays); instead the upper lid slides
 * down over the still eyeball as a sheet of skin. Between the lid crease and the moving lid edge every pixel is
 * re-sampled from the photo's own upper lid (crease to lash line, stretched downwards), the lash line stays at the
 * lid's edge, a little darker as the lid shuts; below the edge the eye is the photo's, untouched. Shut, the lid edge
 * lies just below the lower lid's landmarks, so no iris or white is left.
 *
 * Geometry is kept in each eye's own coordinates: x from one corner (0) to the other (1), y down the face, both in
 * eye widths. The corners never move with the lids, so they carry the head's motion (a rigid turn and shift of the
 * face points) from the rest photo to this frame.
 */
export interface Eyelid {
  /** Mesh vertices of the eye's corners, the image-left one first. */
  left: number;
  right: number;
  /** Polylines y(x) in eye coordinates: the crease (the skin above it never moves), the open lid's edge, and where
   * the edge comes to rest when the eye is shut. */
  crease: number[];
  upper: number[];
  shut: number[];
  /** Extent of the moving skin in y, eye coordinates. */
  top: number;
  bottom: number;
}

/** How far past the lower lid's landmarks a shut lid reaches (their line often sits a little inside the eye). */
const OVERLAP = 0.06;
/** Thickness of the lash line at the lid's edge, and how much darker it gets when shut. */
const LASH = 0.07;
const LASH_SHADE = 0.3;
/** Scratch colour for the sampler, reused for every pixel. */
const rgb = new Float64Array(3);

export function eyelids(mesh: PhotoMesh): Eyelid[] {
  const at = (index: number) => [mesh.rest[index * 2] as number, mesh.rest[index * 2 + 1] as number] as const;
  const eyes = [
    [MESH.rightEyeUpper1, MESH.rightEyeUpper0, MESH.rightEyeLower0],
    [MESH.leftEyeUpper1, MESH.leftEyeUpper0, MESH.leftEyeLower0],
  ] as const;
  return eyes.map(([crease, upper, lower]) => {
    let left = lower[0] as number;
    let right = lower[lower.length - 1] as number;
    if (at(left)[0] > at(right)[0]) [left, right] = [right, left];
    const [ax, ay] = at(left);
    const dx = at(right)[0] - ax;
    const dy = at(right)[1] - ay;
    const norm = dx * dx + dy * dy || 1;
    const local = (index: number) => {
      const [x, y] = at(index);
      return [((x - ax) * dx + (y - ay) * dy) / norm, (-(x - ax) * dy + (y - ay) * dx) / norm] as const;
    };
    const corners = [
      [0, 0],
      [1, 0],
    ] as const;
    const upperLine = polyline([...corners, ...upper.map(local)]);
    const lowerLine = polyline(lower.map(local));
    // The crease stays above the lid's edge, however the landmarks fall.
    const creaseLine = polyline(
      crease.map(local).map(([x, y]) => [x, Math.min(y, polylineAt(upperLine, x) - LASH * 2)] as const),
    );
    const shut: [number, number][] = [];
    for (let step = 0; step <= 16; step++) {
      const x = step / 16;
      shut.push([x, polylineAt(lowerLine, x) + OVERLAP * Math.min(1, 6 * x * (1 - x))]);
    }
    const shutLine = polyline(shut);
    const ys = (line: number[]) => line.filter((_, index) => index % 2 === 1);
    return {
      left,
      right,
      crease: creaseLine,
      upper: upperLine,
      shut: shutLine,
      top: Math.min(...ys(creaseLine)),
      bottom: Math.max(...ys(shutLine), ...ys(upperLine)) + 0.05,
    };
  });
}

/** Paints the lids `closed` (0 open .. 1 shut) into `target`, which already holds this frame's face at `moved`. */
export function drawEyelids(
  target: RgbaImage,
  photo: RgbaImage,
  mesh: PhotoMesh,
  lids: readonly Eyelid[],
  moved: Float32Array,
  closed: number,
): void {
  if (closed <= 0) return;
  for (const lid of lids) drawLid(target, photo, mesh, lid, moved, Math.min(1, closed));
}

function drawLid(
  target: RgbaImage,
  photo: RgbaImage,
  mesh: PhotoMesh,
  lid: Eyelid,
  moved: Float32Array,
  closed: number,
): void {
  const { rest } = mesh;
  // Rest photo: origin and axis of the eye's coordinates; this frame: the same, moved with the head.
  const ax = rest[lid.left * 2] as number;
  const ay = rest[lid.left * 2 + 1] as number;
  const dx = (rest[lid.right * 2] as number) - ax;
  const dy = (rest[lid.right * 2 + 1] as number) - ay;
  const mx = moved[lid.left * 2] as number;
  const my = moved[lid.left * 2 + 1] as number;
  const ex = (moved[lid.right * 2] as number) - mx;
  const ey = (moved[lid.right * 2 + 1] as number) - my;
  const width = Math.hypot(ex, ey);
  if (width < 2) return;
  const norm = 1 / (ex * ex + ey * ey);
  // One pixel in eye widths: the lid's edge is blended over it.
  const pixel = 1 / width;

  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [u, v] of [
    [0, lid.top],
    [1, lid.top],
    [0, lid.bottom],
    [1, lid.bottom],
  ] as const) {
    const x = mx + u * ex - v * ey;
    const y = my + u * ey + v * ex;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const x0 = Math.max(0, Math.floor(minX));
  const x1 = Math.min(target.width - 1, Math.ceil(maxX));
  const y0 = Math.max(0, Math.floor(minY));
  const y1 = Math.min(target.height - 1, Math.ceil(maxY));

  const out = target.data;
  const shade = LASH_SHADE * closed;
  for (let py = y0; py <= y1; py++) {
    const cy = py + 0.5 - my;
    for (let px = x0; px <= x1; px++) {
      const cx = px + 0.5 - mx;
      const u = (cx * ex + cy * ey) * norm;
      if (u <= 0 || u >= 1) continue;
      const v = (-cx * ey + cy * ex) * norm;
      const crease = polylineAt(lid.crease, u);
      if (v < crease) continue;
      const upper = polylineAt(lid.upper, u);
      if (upper - crease < 2 * pixel) continue;
      const edge = upper + (polylineAt(lid.shut, u) - upper) * closed;
      const coverage = Math.min(1, (edge - v) / pixel + 0.5);
      if (coverage <= 0) continue;
      // The skin between crease and lash line stretches down to the lash line, which rides at the edge unstretched.
      const lash = Math.min(LASH, (upper - crease) / 2);
      let from: number;
      let dark = 1;
      if (v < edge - lash) {
        from = crease + ((v - crease) * (upper - lash - crease)) / (edge - lash - crease);
      } else {
        from = upper - (edge - v);
        dark = 1 - shade * Math.min(1, (v - edge + lash) / lash);
      }
      // Back to the rest photo's pixels.
      samplePhoto(photo, ax + u * dx - from * dy, ay + u * dy + from * dx, rgb);
      const offset = (py * target.width + px) * 4;
      const keep = 1 - coverage;
      const weight = coverage * dark;
      for (let channel = 0; channel < 3; channel++) {
        out[offset + channel] =
          (out[offset + channel] as number) * keep + (rgb[channel] as number) * weight + 0.5;
      }
      out[offset + 3] = 255;
    }
  }
}
