import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { MESH } from "../../face-landmarks.js";
import type { FaceState } from "../../face-state.js";
import { deformMesh, faceFrame } from "../../photo-deform.js";
import { PhotoFace } from "../../photo-face.js";
import type { FrameCrop } from "../../photo-mesh.js";
import { importPhoto, type StoredPhoto } from "../photo-store.js";
import { ASTRONAUT_PHOTO } from "./fixtures.js";

/** The public-domain portrait, landmarked and stored as the app stores photos. */
export interface Astronaut {
  photo: StoredPhoto;
  image: Buffer;
}

export async function loadAstronaut(): Promise<Astronaut> {
  const photo = await importPhoto(
    mkdtempSync(join(tmpdir(), "aitwin-photo-face-")),
    await readFile(ASTRONAUT_PHOTO),
  );
  return { photo, image: await readFile(photo.imagePath) };
}

/** The crop of the portrait as a frame-sized RGBA image, and the talking face over it. */
export async function photoFaceAt({ photo, image }: Astronaut, crop: FrameCrop) {
  const data = await sharp(image)
    .extract({ left: crop.x, top: crop.y, width: crop.side, height: crop.side })
    .resize(crop.size, crop.size)
    .ensureAlpha()
    .raw()
    .toBuffer();
  const source = { width: crop.size, height: crop.size, data: new Uint8Array(data) };
  return { source, face: new PhotoFace(source, photo.landmarks, crop) };
}

export const LOOKING: FaceState = {
  mouth: { jaw: 0, open: 0, wide: 0, teeth: 0, tongue: 0 },
  eyelids: 0,
  gaze: { x: 0, y: 0 },
  head: { yaw: 0, pitch: 0, roll: 0, x: 0, y: 0 },
  activity: 0,
};

export const EYES = [
  { name: "right", upper: MESH.rightEyeUpper0, lower: MESH.rightEyeLower0, crease: MESH.rightEyeUpper1 },
  { name: "left", upper: MESH.leftEyeUpper0, lower: MESH.leftEyeLower0, crease: MESH.leftEyeUpper1 },
];

/** The vertices' rest positions, as polygon corners. */
export const cornersOf = (rest: Float32Array, ring: readonly number[]) =>
  ring.map((index) => [rest[index * 2] as number, rest[index * 2 + 1] as number] as const);

/** Whether the centre of pixel (x, y) lies inside the polygon. */
export function pixelInside(polygon: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let inside = false;
  for (let index = 0, previous = polygon.length - 1; index < polygon.length; previous = index++) {
    const [xi, yi] = polygon[index] as readonly [number, number];
    const [xj, yj] = polygon[previous] as readonly [number, number];
    if (yi > y + 0.5 !== yj > y + 0.5 && x + 0.5 < ((xj - xi) * (y + 0.5 - yi)) / (yj - yi) + xi)
      inside = !inside;
  }
  return inside;
}

export const lumaAt = (frame: Uint8Array, offset: number) =>
  0.299 * (frame[offset] as number) +
  0.587 * (frame[offset + 1] as number) +
  0.114 * (frame[offset + 2] as number);

/** Luminance of each pixel whose centre lies inside the polygon through `ring` (mesh vertices at rest). */
export function lumaInside(
  frame: Uint8Array,
  size: number,
  rest: Float32Array,
  ring: readonly number[],
): number[] {
  const corners = cornersOf(rest, ring);
  const found: number[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (pixelInside(corners, x, y)) found.push(lumaAt(frame, (y * size + x) * 4));
    }
  }
  return found;
}

/** "x,y" of each pixel where `keep` holds and the frame differs from the source in any channel. */
export function differing(
  frame: Uint8Array,
  source: Uint8Array,
  size: number,
  keep: (x: number, y: number) => boolean,
) {
  const found: string[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!keep(x, y)) continue;
      const offset = (y * size + x) * 4;
      for (let channel = 0; channel < 4; channel++) {
        if (frame[offset + channel] !== source[offset + channel]) {
          found.push(`${x},${y}`);
          break;
        }
      }
    }
  }
  return found;
}

export const mean = (values: number[]) => values.reduce((sum, each) => sum + each, 0) / values.length;

export function spread(values: number[]): number {
  const average = mean(values);
  return Math.sqrt(values.reduce((sum, each) => sum + (each - average) ** 2, 0) / values.length);
}

export function movedAt(face: PhotoFace, state: FaceState): Float32Array {
  return deformMesh(face.mesh, faceFrame(face.mesh), state);
}
