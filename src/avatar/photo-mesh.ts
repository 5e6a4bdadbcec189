import { triangulate } from "./delaunay.js";
import { FACE_POINT_COUNT, type FaceLandmarks, MESH, point } from "./face-landmarks.js";
import type { FaceState } from "./face-state.js";
import { deformMesh, faceFrame } from "./photo-deform.js";

/** Which way a triangle is drawn: photo texture, or the mouth's inside (only visible when the lips part). */
export const SKIN = 0;
export const MOUTH = 1;

/**
 * The photo as a triangle mesh, in output-frame pixels: the 468 face points plus a fixed ring around the face.
 * Everything outside the ring is never touched, so the background and shoulders stay exactly as photographed.
 */
export interface PhotoMesh {
  /** x, y per vertex at rest. */
  rest: Float32Array;
  /** Three vertex indices per triangle. */
  triangles: Uint32Array;
  /** SKIN or MOUTH per triangle. */
  kinds: Uint8Array;
  /** 0 for the fixed ring, 1 for face points: how much of the head's motion a vertex follows. */
  follow: Float32Array;
  faceCount: number;
}

/** Maps photo pixels into the output frame (a square crop around the face, scaled). */
export interface FrameCrop {
  x: number;
  y: number;
  side: number;
  size: number;
}

const RING_POINTS = 28;
const WIDE_OPEN: FaceState = {
  mouth: { jaw: 1, open: 1, wide: 0, teeth: 0, tongue: 0 },
  eyelids: 0,
  gaze: { x: 0, y: 0 },
  head: { yaw: 0, pitch: 0, roll: 0, x: 0, y: 0 },
  activity: 0,
};

/** A square crop about 2.2 face heights wide, centred on the face, kept inside the photo, in whole pixels. */
export function cropAroundFace(landmarks: FaceLandmarks, size: number): FrameCrop {
  const { box, imageWidth, imageHeight } = landmarks;
  const side = Math.floor(Math.min(Math.max(box.width, box.height) * 2.2, imageWidth, imageHeight));
  const centerX = box.x + box.width / 2;
  const centerY = box.y + box.height / 2;
  const x = Math.round(Math.min(Math.max(0, centerX - side / 2), imageWidth - side));
  const y = Math.round(Math.min(Math.max(0, centerY - side / 2), imageHeight - side));
  return { x, y, side, size };
}

export function buildPhotoMesh(landmarks: FaceLandmarks, crop: FrameCrop): PhotoMesh {
  const scale = crop.size / crop.side;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let index = 0; index < FACE_POINT_COUNT; index++) {
    const [x, y] = point(landmarks.points, index);
    xs.push((x - crop.x) * scale);
    ys.push((y - crop.y) * scale);
  }
  addRing(xs, ys, crop.size);
  const total = xs.length;

  const rest = new Float32Array(total * 2);
  for (let index = 0; index < total; index++) {
    rest[index * 2] = xs[index] as number;
    rest[index * 2 + 1] = ys[index] as number;
  }
  const follow = new Float32Array(total);
  follow.fill(1, 0, FACE_POINT_COUNT);

  // Triangulate in the widest mouth pose we animate, so the opening gets triangles of its own even when the photo's
  // mouth is closed (at rest they have no area) and the lower lip's points move away from the upper lip's.
  const provisional = { rest, triangles: new Uint32Array(), kinds: new Uint8Array(), follow, faceCount: 0 };
  const open = deformMesh(provisional, faceFrame(provisional), WIDE_OPEN);
  const openXs = Float64Array.from({ length: total }, (_, index) => open[index * 2] as number);
  const openYs = Float64Array.from({ length: total }, (_, index) => open[index * 2 + 1] as number);
  const ring = [...MESH.lipsUpperInner, ...MESH.lipsLowerInner.slice(1, -1).reverse()];
  const ringSet = new Set<number>(ring);
  // The face mesh has several lip layers that overlap in 2D; points that fall inside the inner lip line would tie
  // the lips together across the opening, so they are left out of the mesh (other triangles cover the lips).
  const used: number[] = [];
  for (let index = 0; index < total; index++) {
    const x = openXs[index] as number;
    const y = openYs[index] as number;
    if (ringSet.has(index) || !insidePolygon(x, y, ring, openXs, openYs)) used.push(index);
  }
  const local = triangulate(
    Float64Array.from(used, (index) => openXs[index] as number),
    Float64Array.from(used, (index) => openYs[index] as number),
  );
  const triangles = local.map((index) => used[index] as number);

  const kinds = new Uint8Array(triangles.length / 3);
  for (let index = 0; index < kinds.length; index++) {
    const [a, b, c] = triangles.slice(index * 3, index * 3 + 3) as [number, number, number];
    if (!ringSet.has(a) || !ringSet.has(b) || !ringSet.has(c)) continue;
    const centerX = ((openXs[a] as number) + (openXs[b] as number) + (openXs[c] as number)) / 3;
    const centerY = ((openYs[a] as number) + (openYs[b] as number) + (openYs[c] as number)) / 3;
    if (insidePolygon(centerX, centerY, ring, openXs, openYs)) kinds[index] = MOUTH;
  }

  return { rest, triangles: Uint32Array.from(triangles), kinds, follow, faceCount: FACE_POINT_COUNT };
}

/** A fixed ellipse well outside the face outline (clamped to the frame), where the warp fades to nothing. */
function addRing(xs: number[], ys: number[], size: number): void {
  const outline = MESH.silhouette.map((index) => [xs[index] as number, ys[index] as number] as const);
  const centerX = outline.reduce((sum, [x]) => sum + x, 0) / outline.length;
  const centerY = outline.reduce((sum, [, y]) => sum + y, 0) / outline.length;
  const radiusX = Math.max(...outline.map(([x]) => Math.abs(x - centerX))) * 1.5;
  const radiusY = Math.max(...outline.map(([, y]) => Math.abs(y - centerY))) * 1.4;
  const placed: [number, number][] = [];
  for (let index = 0; index < RING_POINTS; index++) {
    const angle = (index / RING_POINTS) * Math.PI * 2;
    const x = Math.min(size, Math.max(0, centerX + Math.cos(angle) * radiusX));
    const y = Math.min(size, Math.max(0, centerY + Math.sin(angle) * radiusY));
    // Clamping can stack ring points in a frame corner; duplicates would break the triangulation.
    if (placed.some(([px, py]) => Math.abs(px - x) < 2 && Math.abs(py - y) < 2)) continue;
    placed.push([x, y]);
    xs.push(x);
    ys.push(y);
  }
}

function insidePolygon(x: number, y: number, ring: number[], xs: Float64Array, ys: Float64Array): boolean {
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
    const xi = xs[ring[index] as number] as number;
    const yi = ys[ring[index] as number] as number;
    const xj = xs[ring[previous] as number] as number;
    const yj = ys[ring[previous] as number] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
