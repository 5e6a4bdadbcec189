import { polyline } from "./polyline.js";

/**
 * One eye's own coordinates, shared by the lids and the gaze: x from one corner (0) to the other (1), y down the
 * face, both in eye widths. The corners move only with the head, so they carry the eye from the rest photo (`a`,
 * `d`) to this frame (`m`, `e`).
 */
export interface EyeFrame {
  /** Rest photo: the first corner and the corner-to-corner vector. */
  ax: number;
  ay: number;
  dx: number;
  dy: number;
  /** This frame: the same. */
  mx: number;
  my: number;
  ex: number;
  ey: number;
  /** This frame's eye width in pixels, and 1 / width² for projecting onto the eye's axes. */
  width: number;
  norm: number;
}

export function eyeFrame(rest: Float32Array, moved: Float32Array, left: number, right: number): EyeFrame {
  const ax = rest[left * 2] as number;
  const ay = rest[left * 2 + 1] as number;
  const mx = moved[left * 2] as number;
  const my = moved[left * 2 + 1] as number;
  const ex = (moved[right * 2] as number) - mx;
  const ey = (moved[right * 2 + 1] as number) - my;
  return {
    ax,
    ay,
    dx: (rest[right * 2] as number) - ax,
    dy: (rest[right * 2 + 1] as number) - ay,
    mx,
    my,
    ex,
    ey,
    width: Math.hypot(ex, ey),
    norm: 1 / (ex * ex + ey * ey || 1),
  };
}

/** The whole pixels of an image `width` × `height` that an eye-coordinate rectangle covers in this frame. */
export function pixelBox(
  eye: EyeFrame,
  [u0, u1]: readonly [number, number],
  [v0, v1]: readonly [number, number],
  width: number,
  height: number,
): { x0: number; x1: number; y0: number; y1: number } {
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [u, v] of [
    [u0, v0],
    [u1, v0],
    [u0, v1],
    [u1, v1],
  ] as const) {
    const x = eye.mx + u * eye.ex - v * eye.ey;
    const y = eye.my + u * eye.ey + v * eye.ex;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return {
    x0: Math.max(0, Math.floor(minX)),
    x1: Math.min(width - 1, Math.ceil(maxX)),
    y0: Math.max(0, Math.floor(minY)),
    y1: Math.min(height - 1, Math.ceil(maxY)),
  };
}

/** An eye in the rest photo: its corners (the lower lid's ends, image-left first) and its lid lines. */
export interface RestEye {
  left: number;
  right: number;
  /** Rest-photo pixels → eye coordinates. */
  local(x: number, y: number): readonly [number, number];
  /** The opening's upper edge (through both corners) and lower edge, as polylines y(x) in eye coordinates. */
  upper: number[];
  lower: number[];
}

export function restEye(rest: Float32Array, upper: readonly number[], lower: readonly number[]): RestEye {
  const at = (index: number) => [rest[index * 2] as number, rest[index * 2 + 1] as number] as const;
  let left = lower[0] as number;
  let right = lower[lower.length - 1] as number;
  if (at(left)[0] > at(right)[0]) [left, right] = [right, left];
  const [ax, ay] = at(left);
  const dx = at(right)[0] - ax;
  const dy = at(right)[1] - ay;
  const norm = dx * dx + dy * dy || 1;
  const local = (x: number, y: number) =>
    [((x - ax) * dx + (y - ay) * dy) / norm, (-(x - ax) * dy + (y - ay) * dx) / norm] as const;
  const corners = [
    [0, 0],
    [1, 0],
  ] as const;
  return {
    left,
    right,
    local,
    upper: polyline([...corners, ...upper.map((index) => local(...at(index)))]),
    lower: polyline(lower.map((index) => local(...at(index)))),
  };
}
