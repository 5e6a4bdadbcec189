import { FACE_POINT_COUNT, MESH } from "./face-landmarks.js";
import type { FaceState } from "./face-state.js";
import type { PhotoMesh } from "./photo-mesh.js";
import { polyline, polylineAt } from "./polyline.js";

/**
 * Moves the photo mesh for one frame: jaw and lips per viseme, a little head motion. Offsets are in units of the face's
 * own size and axes, so a tilted or small face moves in proportion. Blinks are not mesh motion: squashing the eye
 * only narrows it, so the lids are painted over the eye afterwards (photo-eyelids.ts).
 */
export interface FaceFrame {
  centerX: number;
  centerY: number;
  /** Unit vector pointing down the face (forehead to chin), and its perpendicular to the face's left. */
  downX: number;
  downY: number;
  height: number;
  mouthX: number;
  mouthY: number;
  mouthWidth: number;
  /** Between the corners of the opening (the inner lip lines' ends), narrower than the lips. */
  openingWidth: number;
  /** Where the lips meet, as a polyline of `down` over `along` (face-local, from the mouth centre): the jaw moves
   * what is below it. A smile curves it, so a straight line through the corners would drag the upper lip down. */
  lipSplit: number[];
}

const DEGREE = Math.PI / 180;

export function faceFrame(mesh: PhotoMesh): FaceFrame {
  const at = (index: number) => [mesh.rest[index * 2] as number, mesh.rest[index * 2 + 1] as number] as const;
  const [topX, topY] = at(MESH.forehead);
  const [chinX, chinY] = at(MESH.chin);
  const height = Math.hypot(chinX - topX, chinY - topY) || 1;
  const [leftX, leftY] = at(MESH.mouthLeft);
  const [rightX, rightY] = at(MESH.mouthRight);
  const [innerLeftX, innerLeftY] = at(MESH.lipsUpperInner[0]);
  const [innerRightX, innerRightY] = at(MESH.lipsUpperInner[10]);
  const downX = (chinX - topX) / height;
  const downY = (chinY - topY) / height;
  const mouthX = (leftX + rightX) / 2;
  const mouthY = (leftY + rightY) / 2;
  const split = MESH.lipsUpperInner.map((upper, index) => {
    const lower = MESH.lipsLowerInner[index] as number;
    const x = (at(upper)[0] + at(lower)[0]) / 2 - mouthX;
    const y = (at(upper)[1] + at(lower)[1]) / 2 - mouthY;
    return [x * -downY + y * downX, x * downX + y * downY] as const;
  });
  return {
    lipSplit: polyline(split),
    centerX: (topX + chinX) / 2,
    centerY: (topY + chinY) / 2,
    downX,
    downY,
    height,
    mouthX,
    mouthY,
    mouthWidth: Math.hypot(rightX - leftX, rightY - leftY),
    openingWidth: Math.hypot(innerRightX - innerLeftX, innerRightY - innerLeftY),
  };
}

/** Vertex positions for one frame; `into` is reused between frames to spare the garbage collector. */
export function deformMesh(
  mesh: PhotoMesh,
  frame: FaceFrame,
  state: FaceState,
  into?: Float32Array,
): Float32Array {
  const out = into ?? new Float32Array(mesh.rest.length);
  out.set(mesh.rest);
  const { downX, downY, height, mouthX, mouthY, mouthWidth } = frame;
  const sideX = -downY;
  const sideY = downX;
  const { mouth } = state;
  const jawDrop = height * (0.085 * mouth.jaw + 0.03 * mouth.open);
  const lipLift = height * 0.012 * mouth.open;
  const spread = 0.14 * mouth.wide;
  const upperInner = new Set<number>(MESH.lipsUpperInner.slice(1, -1));
  const upperOuter = new Set<number>(MESH.lipsUpperOuter.slice(1, -1));
  const lowerInner = new Set<number>(MESH.lipsLowerInner.slice(1, -1));

  for (let index = 0; index < FACE_POINT_COUNT; index++) {
    const x = mesh.rest[index * 2] as number;
    const y = mesh.rest[index * 2 + 1] as number;
    // Face-local coordinates around the mouth: along (across the face) and down (towards the chin).
    const along = (x - mouthX) * sideX + (y - mouthY) * sideY;
    const down = (x - mouthX) * downX + (y - mouthY) * downY;
    const across = along / (mouthWidth * 0.5);
    // The jaw carries the lower lip and chin fully, the cheeks less, fading out sideways and above the mouth line.
    // The inner lip lines are on their own sides by definition, even when the photo's lips meet and both lie on the
    // split: the lower one opens from the corners like an ellipse, at least.
    const positional = smoothstep(-0.005 * height, 0.025 * height, down - polylineAt(frame.lipSplit, along));
    const below = upperInner.has(index)
      ? 0
      : lowerInner.has(index)
        ? Math.max(positional, 1 - Math.min(1, across * across))
        : positional;
    const sideways = Math.exp(-((along / (mouthWidth * 1.3)) ** 2));
    // Near the lips the drop tapers towards the corners, which stay put, so the opening ends in a lens the lips'
    // curve allows instead of a lower lip hanging straight down beside a pinned corner.
    const onLips = Math.exp(-((down / (0.09 * height)) ** 2));
    const corner = (1 - Math.min(1, (along / (frame.openingWidth * 0.5)) ** 2)) ** 0.8;
    let moveDown = jawDrop * below * sideways * (1 - onLips + onLips * corner);
    // Both lines of the upper lip lift together, so it keeps its thickness as the mouth opens.
    if (upperInner.has(index) || upperOuter.has(index)) moveDown -= lipLift * corner;
    // Spread or round the lips: horizontal scaling about the mouth centre, strongest at the lips.
    const nearMouth = Math.exp(-((across / 1.6) ** 2) - (down / (0.12 * height)) ** 2);
    const moveAlong = along * spread * nearMouth;
    out[index * 2] = x + moveDown * downX + moveAlong * sideX;
    out[index * 2 + 1] = y + moveDown * downY + moveAlong * sideY;
  }

  if (state.expression) moveExpression(mesh, frame, state.expression, out, sideX, sideY);
  moveHead(mesh, frame, state, out, sideX, sideY);
  return out;
}

const BROWS = [...MESH.rightBrow, ...MESH.leftBrow];

/**
 * Brows and mouth corners, from the points' rest positions: the brows and the forehead just above them rise (or
 * draw down and together), the corners of the mouth lift (or drop). Weights depend only on where a point sits at
 * rest, so the two lips at a corner move together and the opening a viseme makes is not changed.
 */
function moveExpression(
  mesh: PhotoMesh,
  frame: FaceFrame,
  expression: { brows: number; smile: number },
  out: Float32Array,
  sideX: number,
  sideY: number,
): void {
  const { downX, downY, height, mouthX, mouthY, mouthWidth } = frame;
  const browReach = 0.06 * height;
  const raise = expression.brows > 0 ? 0.024 * height * expression.brows : 0.012 * height * expression.brows;
  const inward = expression.brows < 0 ? -0.012 * height * expression.brows : 0;
  const lift = 0.02 * height * expression.smile;
  const half = mouthWidth / 2;
  for (let index = 0; index < FACE_POINT_COUNT; index++) {
    const x = mesh.rest[index * 2] as number;
    const y = mesh.rest[index * 2 + 1] as number;
    let up = 0;
    let toward = 0;
    if (raise !== 0) {
      let nearest = Number.POSITIVE_INFINITY;
      for (const brow of BROWS) {
        nearest = Math.min(
          nearest,
          Math.hypot(x - (mesh.rest[brow * 2] as number), y - (mesh.rest[brow * 2 + 1] as number)),
        );
      }
      const weight = Math.exp(-((nearest / browReach) ** 2));
      up += raise * weight;
      toward += inward * weight;
    }
    const along = (x - mouthX) * sideX + (y - mouthY) * sideY;
    const down = (x - mouthX) * downX + (y - mouthY) * downY;
    if (lift !== 0) {
      // Flat across the lips' band, so upper and lower lip move alike and the opening keeps its height.
      const beyondLips = Math.max(0, Math.abs(down) - 0.06 * height);
      const corner = Math.exp(
        -(((Math.abs(along) - half) / (0.45 * half)) ** 2) - (beyondLips / (0.08 * height)) ** 2,
      );
      up += lift * corner;
      toward -= lift * 0.25 * corner;
    }
    if (up === 0 && toward === 0) continue;
    const centreAlong = (x - frame.centerX) * sideX + (y - frame.centerY) * sideY;
    const sign = centreAlong === 0 ? 0 : -Math.sign(centreAlong);
    out[index * 2] = (out[index * 2] as number) - up * downX + toward * sign * sideX;
    out[index * 2 + 1] = (out[index * 2 + 1] as number) - up * downY + toward * sign * sideY;
  }
}

/** Small rotation (roll, and yaw/pitch as shifts) about the neck, for face points only: the ring stays put. */
function moveHead(
  mesh: PhotoMesh,
  frame: FaceFrame,
  state: FaceState,
  out: Float32Array,
  sideX: number,
  sideY: number,
): void {
  const { head } = state;
  const angle = head.roll * 0.5 * DEGREE;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const pivotX = frame.centerX + frame.downX * frame.height * 0.7;
  const pivotY = frame.centerY + frame.downY * frame.height * 0.7;
  const shiftAlong = frame.height * (head.yaw * 0.003 + head.x);
  const shiftDown = frame.height * (head.pitch * 0.003 + head.y);
  for (let index = 0; index < mesh.faceCount; index++) {
    const weight = mesh.follow[index] as number;
    const x = (out[index * 2] as number) - pivotX;
    const y = (out[index * 2 + 1] as number) - pivotY;
    const rotatedX = x * cos - y * sin + pivotX + shiftAlong * sideX + shiftDown * frame.downX;
    const rotatedY = x * sin + y * cos + pivotY + shiftAlong * sideY + shiftDown * frame.downY;
    out[index * 2] = (out[index * 2] as number) * (1 - weight) + rotatedX * weight;
    out[index * 2 + 1] = (out[index * 2 + 1] as number) * (1 - weight) + rotatedY * weight;
  }
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}
