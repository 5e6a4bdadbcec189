import { beforeAll, describe, expect, it } from "vitest";
import { MESH } from "../face-landmarks.js";
import type { FaceState } from "../face-state.js";
import { VISEME_SHAPES } from "../mouth-shapes.js";
import { cropAroundFace } from "../photo-mesh.js";
import { mouthCoverage, openingEdges } from "./test-support/mouth-coverage.js";
import {
  type Astronaut,
  cornersOf,
  LOOKING,
  loadAstronaut,
  lumaAt,
  movedAt,
  photoFaceAt,
  pixelInside,
} from "./test-support/photo-face-harness.js";

/**
 * The inside of the mouth on the real portrait, at its widest ("ah"), read from the frames: what fills the opening,
 * and the shape of its edge.
 */
let astronaut: Astronaut;
beforeAll(async () => {
  astronaut = await loadAstronaut();
});

const WIDEST: FaceState = { ...LOOKING, mouth: VISEME_SHAPES.aa };
/** Below this luminance (of 255) a pixel reads as a hole: the old flat cavity was 15 to 35. */
const NEAR_BLACK = 40;

describe("PhotoFace mouth inside on the astronaut", () => {
  it.each([256, 512, 1024])(
    "fills the lower half of the widest opening mostly with teeth, tongue or shaded depth at %i px",
    async (size) => {
      const crop = cropAroundFace(astronaut.photo.landmarks, size);
      const { face } = await photoFaceAt(astronaut, crop);
      const frame = new Uint8Array(size * size * 4);
      face.drawInto({ width: size, height: size, data: frame }, WIDEST);
      const coverage = mouthCoverage(astronaut.photo.landmarks, crop, WIDEST);
      let lowerHalf = 0;
      let lit = 0;
      for (const { x, top, bottom } of openingEdges(coverage, size)) {
        for (let y = Math.ceil((top + bottom) / 2); y < Math.floor(bottom); y++) {
          if ((coverage[y * size + x] as number) < 0.99) continue;
          lowerHalf++;
          if (lumaAt(frame, (y * size + x) * 4) >= NEAR_BLACK) lit++;
        }
      }
      expect(lowerHalf, "pixels in the lower half of the drawn opening").toBeGreaterThan(size / 16);
      expect(lit / lowerHalf, "share of the lower half that is not near-black").toBeGreaterThan(0.6);
    },
  );

  it.each([512, 1024])(
    "edges the opening with no corner sharper than the lips' curve at %i px",
    async (size) => {
      const crop = cropAroundFace(astronaut.photo.landmarks, size);
      const edges = openingEdges(mouthCoverage(astronaut.photo.landmarks, crop, WIDEST), size);
      // A polygon's corner puts its whole turn into one point, so it shows between the shortest chords (one pixel at
      // 512, two at 1024); the lips' own curve turns only a few degrees over a pixel or two. Straight lip segments
      // turned 36 to 41 degrees there; the smooth lip curve, 10 to 13.
      const step = size / 512;
      let sharpest = 0;
      for (const side of ["top", "bottom"] as const) {
        // The edge as a curve y(x); the turn between one chord and the next, in degrees, away from the corners of the
        // mouth (where the two lips meet at their own angle).
        const ys = edges.map((edge) => edge[side]);
        const margin = Math.ceil(edges.length * 0.08);
        for (let index = margin + step; index < ys.length - margin - step; index++) {
          const before = Math.atan2((ys[index] as number) - (ys[index - step] as number), step);
          const after = Math.atan2((ys[index + step] as number) - (ys[index] as number), step);
          sharpest = Math.max(sharpest, Math.abs(after - before) * (180 / Math.PI));
        }
      }
      expect(edges.length, "columns of the opening").toBeGreaterThan(size / 16);
      expect(sharpest, "sharpest turn of the edge between neighbouring chords, degrees").toBeLessThan(20);
    },
  );

  it("moves nothing outside the face further than the face's own outline moves", async () => {
    const size = 512;
    const crop = cropAroundFace(astronaut.photo.landmarks, size);
    const { source, face } = await photoFaceAt(astronaut, crop);
    const state: FaceState = { ...WIDEST, head: { yaw: 4, pitch: -3, roll: 3, x: 0.012, y: 0.006 } };
    const frame = new Uint8Array(size * size * 4);
    face.drawInto({ width: size, height: size, data: frame }, state);
    const moved = movedAt(face, state);
    const { rest } = face.mesh;
    // How far the head (and the chin with the jaw) carries the face's outline.
    const outline = Math.max(
      ...MESH.silhouette.map((index) =>
        Math.hypot(
          (moved[index * 2] as number) - (rest[index * 2] as number),
          (moved[index * 2 + 1] as number) - (rest[index * 2 + 1] as number),
        ),
      ),
    );
    const faces = [cornersOf(rest, MESH.silhouette), cornersOf(moved, MESH.silhouette)];
    // Each 9×9 patch outside the face, found again in the photo by block matching: its displacement.
    const half = 4;
    const reach = Math.ceil(outline) + 3;
    const patchOutside = (x: number, y: number) =>
      [-half, half].every((dy) =>
        [-half, half].every((dx) => faces.every((polygon) => !pixelInside(polygon, x + dx, y + dy))),
      );
    const luma = (image: Uint8Array) =>
      Float32Array.from({ length: size * size }, (_, pixel) => lumaAt(image, pixel * 4));
    const drawn = luma(frame);
    const photo = luma(source.data);
    let farthest = 0;
    let patches = 0;
    for (let y = reach + half; y < size - reach - half; y += 16) {
      for (let x = reach + half; x < size - reach - half; x += 16) {
        if (!patchOutside(x, y)) continue;
        patches++;
        const costs: { distance: number; cost: number }[] = [];
        for (let dy = -reach; dy <= reach; dy++) {
          for (let dx = -reach; dx <= reach; dx++) {
            let cost = 0;
            for (let py = -half; py <= half; py++) {
              for (let px = -half; px <= half; px++) {
                const at = (y + py) * size + x + px;
                cost += Math.abs((drawn[at] as number) - (photo[at + dy * size + dx] as number));
              }
            }
            costs.push({ distance: Math.hypot(dx, dy), cost });
          }
        }
        // On flat background many shifts match equally: take the shortest of the best.
        const best = Math.min(...costs.map((each) => each.cost));
        const shortest = Math.min(
          ...costs.filter((each) => each.cost <= best * 1.05 + 81 * 2).map((each) => each.distance),
        );
        farthest = Math.max(farthest, shortest);
      }
    }
    expect(outline, "the outline moves").toBeGreaterThan(2);
    expect(patches, "patches outside the face").toBeGreaterThan(200);
    expect(
      farthest,
      `farthest patch move against the outline's ${outline.toFixed(1)} px`,
    ).toBeLessThanOrEqual(outline + 1);
  });
});
