import { eyeFrame, pixelBox, restEye } from "./eye-frame.js";
import { FACE_POINT_COUNT, type FaceLandmarks, MESH } from "./face-landmarks.js";
import type { RgbaImage } from "./mesh-raster.js";
import type { PhotoMesh } from "./photo-mesh.js";
import { samplePhoto } from "./photo-sample.js";
import { polylineAt } from "./polyline.js";

/**
 * Where a photo's eyes look. The face mesh has no points inside the eye, so the iris is moved as a disc: inside the
 * eye's opening, the disc at its new place is the photo's own iris re-sampled, and the part of the old disc it
 * uncovered is painted with the eye's own white (its mean colour in the photo, measured once). The lids are never
 * touched, so an iris partly under the upper lid stays under it. Eye coordinates as in `photo-eyelids.ts`: x from
 * one corner (0) to the other (1), y down the face, both in eye widths.
 */
export interface EyeGaze {
  left: number;
  right: number;
  upper: number[];
  lower: number[];
  /** The iris at rest, eye coordinates, and its radius in eye widths. */
  irisX: number;
  irisY: number;
  radius: number;
  /** Mean colour of the white of this eye in the photo. */
  white: [number, number, number];
}

/** How far the iris travels at full gaze, in eye widths (sideways) and eye widths (up and down). */
const REACH_X = 0.1;
const REACH_Y = 0.04;
/**
 * The landmarks' iris ring sits inside the dark limbal ring round the iris: the disc moved is this much wider, and the
 * area whitened behind it wider still, so no ghost of the old iris edge is left.
 */
const DISC = 1.2;
const UNCOVER = 1.3;
/** Irises smaller than this many pixels across are left alone: moving a 2-pixel disc only smears it. */
const MIN_IRIS_PIXELS = 5;

const rgb = new Float64Array(3);

/** The iris centre and radius of each eye (MediaPipe's 10 iris points after the 468 of the face), in frame pixels. */
function irises(landmarks: FaceLandmarks, toFrame: (x: number, y: number) => [number, number]) {
  const found: { x: number; y: number; radius: number }[] = [];
  for (const start of [FACE_POINT_COUNT, FACE_POINT_COUNT + 5]) {
    const ring = landmarks.points.slice(start, start + 5).map(([x, y]) => toFrame(x, y));
    if (ring.length < 5) return [];
    const [cx, cy] = ring[0] as [number, number];
    const radius = ring.slice(1).reduce((sum, [x, y]) => sum + Math.hypot(x - cx, y - cy), 0) / 4;
    found.push({ x: cx, y: cy, radius });
  }
  return found;
}

export function eyeGazes(
  mesh: PhotoMesh,
  photo: RgbaImage,
  landmarks: FaceLandmarks,
  toFrame: (x: number, y: number) => [number, number],
): EyeGaze[] {
  const at = (index: number) => [mesh.rest[index * 2] as number, mesh.rest[index * 2 + 1] as number] as const;
  const found = irises(landmarks, toFrame);
  const gazes: EyeGaze[] = [];
  for (const [upper, lower] of [
    [MESH.rightEyeUpper0, MESH.rightEyeLower0],
    [MESH.leftEyeUpper0, MESH.leftEyeLower0],
  ] as const) {
    const eye = restEye(mesh.rest, upper, lower);
    const [ax, ay] = at(eye.left);
    const dx = at(eye.right)[0] - ax;
    const dy = at(eye.right)[1] - ay;
    const width = Math.hypot(dx, dy);
    // The iris belonging to this eye: the one whose centre lies nearest the eye's middle.
    const middleX = ax + dx / 2;
    const middleY = ay + dy / 2;
    const iris = found.sort(
      (a, b) => Math.hypot(a.x - middleX, a.y - middleY) - Math.hypot(b.x - middleX, b.y - middleY),
    )[0];
    if (!iris || iris.radius * 2 < MIN_IRIS_PIXELS || Math.hypot(iris.x - middleX, iris.y - middleY) > width)
      continue;
    const [irisX, irisY] = eye.local(iris.x, iris.y);
    const gaze = {
      left: eye.left,
      right: eye.right,
      upper: eye.upper,
      lower: eye.lower,
      irisX,
      irisY,
      radius: iris.radius / width,
    };
    const white = whiteOf(photo, gaze, ax, ay, dx, dy);
    if (white) gazes.push({ ...gaze, white });
  }
  return gazes;
}

/** Mean colour of the eye's opening outside the iris (and a margin round it), or undefined if none shows. */
function whiteOf(
  photo: RgbaImage,
  eye: Omit<EyeGaze, "white">,
  ax: number,
  ay: number,
  dx: number,
  dy: number,
): [number, number, number] | undefined {
  const sum = [0, 0, 0];
  let count = 0;
  for (let step = 0; step <= 40; step++) {
    const u = 0.1 + (0.8 * step) / 40;
    const top = polylineAt(eye.upper, u);
    const bottom = polylineAt(eye.lower, u);
    for (let row = 1; row < 6; row++) {
      const v = top + ((bottom - top) * row) / 6;
      if (Math.hypot(u - eye.irisX, v - eye.irisY) < eye.radius * (UNCOVER + 0.15)) continue;
      samplePhoto(photo, ax + u * dx - v * dy, ay + u * dy + v * dx, rgb);
      for (let channel = 0; channel < 3; channel++)
        sum[channel] = (sum[channel] as number) + (rgb[channel] as number);
      count++;
    }
  }
  if (count < 8) return undefined;
  return [(sum[0] as number) / count, (sum[1] as number) / count, (sum[2] as number) / count];
}

/** Moves each iris by `gaze` (-1..1 of its reach) in `target`, which holds this frame's face at `moved`. */
export function drawGaze(
  target: RgbaImage,
  photo: RgbaImage,
  mesh: PhotoMesh,
  eyes: readonly EyeGaze[],
  moved: Float32Array,
  gaze: { x: number; y: number },
): void {
  const shiftX = Math.max(-1, Math.min(1, gaze.x)) * REACH_X;
  const shiftY = Math.max(-1, Math.min(1, gaze.y)) * REACH_Y;
  if (shiftX === 0 && shiftY === 0) return;
  for (const eye of eyes) drawEye(target, photo, mesh, eye, moved, shiftX, shiftY);
}

function drawEye(
  target: RgbaImage,
  photo: RgbaImage,
  mesh: PhotoMesh,
  eye: EyeGaze,
  moved: Float32Array,
  shiftX: number,
  shiftY: number,
): void {
  const frame = eyeFrame(mesh.rest, moved, eye.left, eye.right);
  const { ax, ay, dx, dy, mx, my, ex, ey, width, norm } = frame;
  if (width < 4) return;
  const pixel = 1 / width;
  const toX = eye.irisX + shiftX;
  const toY = eye.irisY + shiftY;
  const disc = eye.radius * DISC;
  const uncover = eye.radius * UNCOVER;
  // Only the area round the old and new discs can change.
  const reach = uncover + Math.hypot(shiftX, shiftY) + 2 * pixel;
  const { x0, x1, y0, y1 } = pixelBox(
    frame,
    [eye.irisX - reach, eye.irisX + reach],
    [eye.irisY - reach, eye.irisY + reach],
    target.width,
    target.height,
  );
  const out = target.data;
  for (let py = y0; py <= y1; py++) {
    const cy = py + 0.5 - my;
    for (let px = x0; px <= x1; px++) {
      const cx = px + 0.5 - mx;
      const u = (cx * ex + cy * ey) * norm;
      if (u <= 0 || u >= 1) continue;
      const v = (-cx * ey + cy * ex) * norm;
      // Inside the opening by at least a pixel: the lids' edges stay the photo's.
      const inside = Math.min(v - polylineAt(eye.upper, u), polylineAt(eye.lower, u) - v) / pixel - 0.5;
      if (inside <= 0) continue;
      const lids = Math.min(1, inside);
      const iris = Math.min(1, Math.max(0, (disc - Math.hypot(u - toX, v - toY)) / pixel + 0.5));
      const old = Math.min(
        1,
        Math.max(0, (uncover - Math.hypot(u - eye.irisX, v - eye.irisY)) / pixel + 0.5),
      );
      // Where neither disc is, nothing changes.
      if (iris === 0 && old === 0) continue;
      const offset = (py * target.width + px) * 4;
      // The new disc over whatever was there: the old iris area turned white, else the pixel as drawn.
      let r = out[offset] as number;
      let g = out[offset + 1] as number;
      let b = out[offset + 2] as number;
      if (old > 0) {
        r += (eye.white[0] - r) * old;
        g += (eye.white[1] - g) * old;
        b += (eye.white[2] - b) * old;
      }
      if (iris > 0) {
        const fromU = u - shiftX;
        const fromV = v - shiftY;
        samplePhoto(photo, ax + fromU * dx - fromV * dy, ay + fromU * dy + fromV * dx, rgb);
        r += ((rgb[0] as number) - r) * iris;
        g += ((rgb[1] as number) - g) * iris;
        b += ((rgb[2] as number) - b) * iris;
      }
      out[offset] = (out[offset] as number) + (r - (out[offset] as number)) * lids + 0.5;
      out[offset + 1] = (out[offset + 1] as number) + (g - (out[offset + 1] as number)) * lids + 0.5;
      out[offset + 2] = (out[offset + 2] as number) + (b - (out[offset + 2] as number)) * lids + 0.5;
    }
  }
}
