import { eyeFrame, pixelBox, restEye } from "./eye-frame.js";
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
    const { left, right, local, upper: upperLine, lower: lowerLine } = restEye(mesh.rest, upper, lower);
    // The crease stays above the lid's edge, however the landmarks fall.
    const creaseLine = polyline(
      crease
        .map((index) => local(...at(index)))
        .map(([x, y]) => [x, Math.min(y, polylineAt(upperLine, x) - LASH * 2)] as const),
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
  const frame = eyeFrame(mesh.rest, moved, lid.left, lid.right);
  const { ax, ay, dx, dy, mx, my, ex, ey, width, norm } = frame;
  if (width < 2) return;
  // One pixel in eye widths: the lid's edge is blended over it.
  const pixel = 1 / width;
  const { x0, x1, y0, y1 } = pixelBox(frame, [0, 1], [lid.top, lid.bottom], target.width, target.height);
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
