import { beforeAll, describe, expect, it } from "vitest";
import type { FaceState } from "../face-state.js";
import type { PhotoFace } from "../photo-face.js";
import { cropAroundFace } from "../photo-mesh.js";
import {
  type Astronaut,
  differing,
  loadAstronaut,
  photoFaceAt,
  pixelInside,
} from "./test-support/photo-face-harness.js";

/**
 * The photo face in the pure core, on the real portrait: whatever the face does, every pixel outside the fixed ring
 * (the four corners above all) is the photo's own pixel, at any frame size, the browser's 512 included. The eyes and
 * the mouth have files of their own (photo-face-eyes.test.ts, photo-face-mouth.test.ts).
 */
let astronaut: Astronaut;
beforeAll(async () => {
  astronaut = await loadAstronaut();
});

/**
 * Beyond the far ends of what the animation does (idle-motion.ts: yaw within ±5.1°, pitch ±3.6°, roll ±2.5°,
 * offsets ±0.012 face heights): mouth wide open and spread or rounded, eyes shut, head turned and tilted.
 */
const EXTREMES: FaceState[] = [-1, 1].map((sign) => ({
  mouth: { jaw: 1, open: 1, wide: sign, teeth: 1, tongue: 1 },
  eyelids: 1,
  gaze: { x: sign, y: sign },
  head: { yaw: 6 * sign, pitch: 4 * sign, roll: 3 * sign, x: 0.015 * sign, y: 0.015 * sign },
  activity: 1,
}));

/** Pixels whose centre lies outside the fixed ring: the ring points are the mesh's vertices after the face's. */
function outsideRing(face: PhotoFace, size: number): boolean[] {
  const { rest, faceCount } = face.mesh;
  const ring: [number, number][] = [];
  for (let index = faceCount; index < rest.length / 2; index++) {
    ring.push([rest[index * 2] as number, rest[index * 2 + 1] as number]);
  }
  const outside: boolean[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) outside.push(!pixelInside(ring, x, y));
  }
  return outside;
}

describe("PhotoFace on the astronaut", () => {
  it.each([256, 333, 446, 511, 512])(
    "leaves every pixel outside the ring, and all four corners, as photographed at %i px",
    async (size) => {
      const { source, face } = await photoFaceAt(astronaut, cropAroundFace(astronaut.photo.landmarks, size));
      const outside = outsideRing(face, size);
      const corner = Math.round(size * 0.2);
      const inCorner = (x: number, y: number) =>
        (x < corner || x >= size - corner) && (y < corner || y >= size - corner);
      const frame = new Uint8Array(size * size * 4).fill(7);
      for (const state of EXTREMES) {
        face.drawInto({ width: size, height: size, data: frame }, state);
        expect(differing(frame, source.data, size, inCorner), `corners at ${size}`).toEqual([]);
        const changed = differing(frame, source.data, size, (x, y) => outside[y * size + x] === true);
        expect(changed, `outside the ring at ${size}`).toEqual([]);
        // The face did move, so the comparison above is not vacuous.
        expect(differing(frame, source.data, size, () => true).length).toBeGreaterThan(100);
      }
    },
  );

  it("keeps the photo outside the ring when the face sits at the crop's edge and the ring is clamped", async () => {
    const { box } = astronaut.photo.landmarks;
    // A crop with the face against its top-left corner, so ring points clamp onto the frame's edges.
    const crop = {
      x: Math.max(0, Math.round(box.x) - 10),
      y: Math.max(0, Math.round(box.y) - 10),
      side: 300,
    };
    const size = 300;
    const { source, face } = await photoFaceAt(astronaut, { ...crop, size });
    const outside = outsideRing(face, size);
    const frame = new Uint8Array(size * size * 4);
    for (const state of EXTREMES) {
      face.drawInto({ width: size, height: size, data: frame }, state);
      expect(differing(frame, source.data, size, (x, y) => outside[y * size + x] === true)).toEqual([]);
      const corner = 60;
      expect(differing(frame, source.data, size, (x, y) => x >= size - corner && y >= size - corner)).toEqual(
        [],
      );
    }
  });

  it("redraws into an earlier frame exactly as it draws a fresh one, from the extremes back to the photo at rest", async () => {
    const size = 320;
    const { face } = await photoFaceAt(astronaut, cropAroundFace(astronaut.photo.landmarks, size));
    const reused = new Uint8Array(size * size * 4);
    const fresh = new Uint8Array(size * size * 4);
    // From still to the extremes and back to the photo at rest (mouth shut, eyes open, no triangle moved, which
    // a fresh frame leaves as the photo and a redrawn one must draw over whatever the extremes left there).
    const still = { ...(EXTREMES[0] as FaceState), head: { yaw: 0, pitch: 0, roll: 0, x: 0, y: 0 } };
    const rest: FaceState = {
      mouth: { jaw: 0, open: 0, wide: 0, teeth: 0, tongue: 0 },
      eyelids: 0,
      gaze: { x: 0, y: 0 },
      head: { yaw: 0, pitch: 0, roll: 0, x: 0, y: 0 },
      activity: 0,
    };
    const states = [still, EXTREMES[0], EXTREMES[1], still, EXTREMES[0], rest] as FaceState[];
    face.drawInto({ width: size, height: size, data: reused }, states[0] as FaceState);
    for (const state of states) {
      face.redrawInto({ width: size, height: size, data: reused }, state);
      face.drawInto({ width: size, height: size, data: fresh }, state);
      expect(differing(reused, fresh, size, () => true)).toEqual([]);
    }
  });
});
