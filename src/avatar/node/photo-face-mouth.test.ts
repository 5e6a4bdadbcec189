import { beforeAll, describe, expect, it } from "vitest";
import { MESH } from "../face-landmarks.js";
import type { FaceState } from "../face-state.js";
import { PhotoFace } from "../photo-face.js";
import { cropAroundFace } from "../photo-mesh.js";
import {
  type Astronaut,
  differing,
  LOOKING,
  loadAstronaut,
  lumaAt,
  lumaInside,
  mean,
  movedAt,
  photoFaceAt,
} from "./test-support/photo-face-harness.js";

/** The photo's mouth: its own smile at rest, the drawn inside as it opens, soft edges. */
let astronaut: Astronaut;
beforeAll(async () => {
  astronaut = await loadAstronaut();
});

/** The mouth's opening (inside the inner lip lines) and the lips (between inner and outer lines), as vertex rings. */
const OPENING = [...MESH.lipsUpperInner, ...[...MESH.lipsLowerInner].reverse()];
const LIPS = [
  [...MESH.lipsUpperOuter, ...[...MESH.lipsUpperInner].reverse()],
  [...MESH.lipsLowerOuter, ...[...MESH.lipsLowerInner].reverse()],
];
const OPEN: FaceState = { ...LOOKING, mouth: { jaw: 1, open: 1, wide: 0, teeth: 1, tongue: 0 } };

describe("PhotoFace mouth on the astronaut", () => {
  it.each([256, 512])("shows the photo's own smile, teeth and all, at rest, at %i px", async (size) => {
    const { source, face } = await photoFaceAt(astronaut, cropAroundFace(astronaut.photo.landmarks, size));
    const frame = new Uint8Array(size * size * 4);
    face.drawInto({ width: size, height: size, data: frame }, LOOKING);
    const photoMouth = lumaInside(source.data, size, face.mesh.rest, OPENING);
    const drawnMouth = lumaInside(frame, size, face.mesh.rest, OPENING);
    expect(photoMouth.length, "pixels in the photo's opening").toBeGreaterThan(size / 8);
    const difference = mean(
      photoMouth.map((value, index) => Math.abs(value - (drawnMouth[index] as number))),
    );
    expect(difference, "mean difference from the photo in the opening").toBeLessThan(2);
  });

  it.each([256, 512])(
    "opens a dark mouth below her own upper teeth when fully open, at %i px",
    async (size) => {
      const { face } = await photoFaceAt(astronaut, cropAroundFace(astronaut.photo.landmarks, size));
      const frame = new Uint8Array(size * size * 4);
      face.drawInto({ width: size, height: size, data: frame }, OPEN);
      const moved = movedAt(face, OPEN);
      const opening = lumaInside(frame, size, moved, OPENING);
      const lips = LIPS.flatMap((ring) => lumaInside(frame, size, moved, ring));
      expect(opening.length, "pixels in the opening").toBeGreaterThan(size / 2);
      expect(mean(opening), "the opening against the lips").toBeLessThan(mean(lips) * 0.7);
      // The photo's teeth still show (brighter than the lips), now above a cavity far darker than lips.
      const lipsMean = mean(lips);
      expect(opening.filter((value) => value > lipsMean).length / opening.length, "teeth").toBeGreaterThan(
        0.1,
      );
      expect(opening.filter((value) => value < 60).length / opening.length, "cavity").toBeGreaterThan(0.3);
    },
  );

  it("parts the lips softly: a mouth opened by under half a pixel is a faint line, not a black one", async () => {
    const size = 512;
    const crop = cropAroundFace(astronaut.photo.landmarks, size);
    const { source } = await photoFaceAt(astronaut, crop);
    const points = astronaut.photo.landmarks.points.map(([x, y]) => [x, y] as [number, number]);
    MESH.lipsLowerInner.forEach((lower, index) => {
      points[lower] = [...(points[MESH.lipsUpperInner[index] as number] as [number, number])];
    });
    const face = new PhotoFace(source, { ...astronaut.photo.landmarks, points }, crop);
    const { rest } = face.mesh;
    const lipXs = MESH.lipsUpperInner.map((index) => rest[index * 2] as number);
    const lipYs = MESH.lipsUpperInner.map((index) => rest[index * 2 + 1] as number);
    const box = {
      left: Math.floor(Math.min(...lipXs)),
      right: Math.ceil(Math.max(...lipXs)),
      top: Math.floor(Math.min(...lipYs)) - 4,
      bottom: Math.ceil(Math.max(...lipYs)) + 4,
    };
    const frame = new Uint8Array(size * size * 4);
    let tried = 0;
    for (let open = 0.001; open < 0.05; open += 0.001) {
      const state: FaceState = { ...LOOKING, mouth: { jaw: open, open, wide: 0, teeth: 0, tongue: 0 } };
      const moved = movedAt(face, state);
      const gap = Math.max(
        ...MESH.lipsUpperInner.map(
          (upper, index) =>
            (moved[(MESH.lipsLowerInner[index] as number) * 2 + 1] as number) -
            (moved[upper * 2 + 1] as number),
        ),
      );
      if (gap <= 0.05 || gap >= 0.5) continue;
      tried++;
      face.drawInto({ width: size, height: size, data: frame }, state);
      // No pixel around the lips loses more than the opening's share of it (plus the lips' own small shift).
      let darkest = 1;
      for (let y = box.top; y <= box.bottom; y++) {
        for (let x = box.left; x <= box.right; x++) {
          const offset = (y * size + x) * 4;
          darkest = Math.min(darkest, lumaAt(frame, offset) / Math.max(1, lumaAt(source.data, offset)));
        }
      }
      expect(
        darkest,
        `darkest pixel against the photo with the lips ${gap.toFixed(2)} px apart`,
      ).toBeGreaterThan(1 - gap - 0.15);
    }
    expect(tried, "openings under half a pixel tried").toBeGreaterThan(3);
  });

  it("gives a closed-mouth photo drawn teeth over a dark cavity as it opens", async () => {
    const size = 512;
    const crop = cropAroundFace(astronaut.photo.landmarks, size);
    const { source } = await photoFaceAt(astronaut, crop);
    // The same portrait with its lips said to meet: the lower inner lip line on the upper one.
    const points = astronaut.photo.landmarks.points.map(([x, y]) => [x, y] as [number, number]);
    MESH.lipsLowerInner.forEach((lower, index) => {
      const upper = points[MESH.lipsUpperInner[index] as number] as [number, number];
      points[lower] = [upper[0], upper[1]];
    });
    const face = new PhotoFace(source, { ...astronaut.photo.landmarks, points }, crop);
    const frame = new Uint8Array(size * size * 4);
    face.drawInto({ width: size, height: size, data: frame }, LOOKING);
    expect(
      differing(frame, source.data, size, () => true),
      "at rest",
    ).toEqual([]);

    face.drawInto({ width: size, height: size, data: frame }, OPEN);
    const moved = movedAt(face, OPEN);
    const opening = lumaInside(frame, size, moved, OPENING);
    const lips = LIPS.flatMap((ring) => lumaInside(frame, size, moved, ring));
    expect(opening.length, "pixels in the opening").toBeGreaterThan(size / 2);
    // Said to be closed, her own teeth now ride on the lower lip; above them the drawn mouth: upper teeth, depth.
    const teeth = opening.filter((value) => value > Math.max(150, mean(lips))).length / opening.length;
    expect(teeth, "teeth").toBeGreaterThan(0.05);
    expect(teeth, "teeth").toBeLessThan(0.75);
    expect(opening.filter((value) => value < 60).length / opening.length, "cavity").toBeGreaterThan(0.15);
  });
});
