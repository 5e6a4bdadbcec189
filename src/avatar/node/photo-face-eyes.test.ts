import { beforeAll, describe, expect, it } from "vitest";
import { cropAroundFace } from "../photo-mesh.js";
import {
  type Astronaut,
  cornersOf,
  differing,
  EYES,
  LOOKING,
  loadAstronaut,
  lumaAt,
  lumaInside,
  photoFaceAt,
  pixelInside,
  spread,
} from "./test-support/photo-face-harness.js";

/** The photo's eyes: where they look, and blinks. */
let astronaut: Astronaut;
beforeAll(async () => {
  astronaut = await loadAstronaut();
});

describe("PhotoFace gaze on the astronaut", () => {
  /** Centroid of how dark each pixel of the eye's opening is (the iris and pupil pull it), in frame pixels. */
  const darkCentroid = (frame: Uint8Array, size: number, rest: Float32Array, ring: readonly number[]) => {
    const corners = cornersOf(rest, ring);
    const xs = corners.map(([x]) => x);
    const ys = corners.map(([, y]) => y);
    let sum = 0;
    let sumX = 0;
    for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++) {
      for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x++) {
        if (!pixelInside(corners, x, y)) continue;
        const luma = lumaAt(frame, (y * size + x) * 4);
        const weight = Math.max(0, 200 - luma) ** 2;
        sum += weight;
        sumX += weight * (x + 0.5);
      }
    }
    return sumX / sum;
  };

  it("moves both irises the way the eyes look, and nothing outside the eyes", async () => {
    const size = 512;
    const { source, face } = await photoFaceAt(astronaut, cropAroundFace(astronaut.photo.landmarks, size));
    const draw = (gaze: { x: number; y: number }) => {
      const frame = new Uint8Array(size * size * 4);
      face.drawInto({ width: size, height: size, data: frame }, { ...LOOKING, gaze });
      return frame;
    };
    const ahead = draw({ x: 0, y: 0 });
    const right = draw({ x: 0.7, y: 0 });
    const left = draw({ x: -0.7, y: 0 });
    expect(
      differing(ahead, source.data, size, () => true),
      "looking ahead is the photo",
    ).toEqual([]);
    const { rest } = face.mesh;
    const boxes = EYES.map(({ upper, lower }) => {
      const ring = [...lower, ...[...upper].reverse()];
      const xs = ring.map((index) => rest[index * 2] as number);
      const ys = ring.map((index) => rest[index * 2 + 1] as number);
      return {
        ring,
        x0: Math.min(...xs) - 1,
        x1: Math.max(...xs) + 1,
        y0: Math.min(...ys) - 1,
        y1: Math.max(...ys) + 1,
      };
    });
    for (const [index, { ring }] of boxes.entries()) {
      const name = EYES[index]?.name;
      const centre = darkCentroid(ahead, size, rest, ring);
      expect(darkCentroid(right, size, rest, ring) - centre, `${name} iris looking right`).toBeGreaterThan(
        0.7,
      );
      expect(darkCentroid(left, size, rest, ring) - centre, `${name} iris looking left`).toBeLessThan(-0.7);
    }
    const outsideEyes = (x: number, y: number) =>
      !boxes.some((box) => x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1);
    expect(differing(right, source.data, size, outsideEyes), "outside the eyes").toEqual([]);
    expect(differing(left, source.data, size, outsideEyes), "outside the eyes").toEqual([]);
  });
});

describe("PhotoFace blinks on the astronaut", () => {
  it.each([256, 512])("shuts the eye with eyelid skin at full blink, at %i px", async (size) => {
    const { source, face } = await photoFaceAt(astronaut, cropAroundFace(astronaut.photo.landmarks, size));
    const frame = new Uint8Array(size * size * 4);
    face.drawInto({ width: size, height: size, data: frame }, { ...LOOKING, eyelids: 1 });
    for (const { name, upper, lower, crease } of EYES) {
      // The open eye's opening (corners are the lower lid's ends), and the photo's upper lid above it.
      const opening = [...lower, ...[...upper].reverse()];
      const lid = [lower[0], ...upper, lower[lower.length - 1], ...[...crease].reverse()] as number[];
      const photoEye = lumaInside(source.data, size, face.mesh.rest, opening);
      const photoLid = lumaInside(source.data, size, face.mesh.rest, lid).sort((a, b) => a - b);
      const shut = lumaInside(frame, size, face.mesh.rest, opening);
      // Darker than all but the lashes of the lid: the iris and pupil.
      const dark = photoLid[Math.floor(photoLid.length * 0.05)] as number;
      const share = (values: number[]) => values.filter((value) => value < dark).length / values.length;
      expect(share(photoEye), `${name} eye open`).toBeGreaterThan(0.2);
      // A few lash pixels at the corners are as dark; the iris was a fifth of the eye or more.
      expect(share(shut), `${name} eye shut: iris left`).toBeLessThan(0.05);
      // The iris against the white is the eye's contrast; shut, it is no more varied than eyelid skin.
      expect(spread(shut), `${name} eye shut: contrast`).toBeLessThan(spread(photoLid));
    }
  });

  it("slides the lid over the top half of a still eye at half blink", async () => {
    const size = 512;
    const { source, face } = await photoFaceAt(astronaut, cropAroundFace(astronaut.photo.landmarks, size));
    const frame = new Uint8Array(size * size * 4);
    face.drawInto({ width: size, height: size, data: frame }, { ...LOOKING, eyelids: 0.5 });
    const { rest } = face.mesh;
    const at = (index: number) => [rest[index * 2] as number, rest[index * 2 + 1] as number] as const;
    for (const { name, upper, lower } of EYES) {
      // Bands of the opening, `from`..`to` of the way from the upper lid down to the lower lid (the face is upright).
      const upperLine = [lower[0], ...upper, lower[lower.length - 1]].map((index) => at(index as number));
      const upperAt = (x: number) => {
        const sorted = [...upperLine].sort((a, b) => a[0] - b[0]);
        for (let index = 1; index < sorted.length; index++) {
          const [x0, y0] = sorted[index - 1] as readonly [number, number];
          const [x1, y1] = sorted[index] as readonly [number, number];
          if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0 || 1);
        }
        return (sorted[sorted.length - 1] as readonly [number, number])[1];
      };
      const band = (from: number, to: number) =>
        lower.slice(1, -1).map((index) => {
          const [x, y] = at(index);
          const top = upperAt(x);
          return [x, top + (y - top) * from, top + (y - top) * to] as const;
        });
      const pixels = (edges: (readonly [number, number, number])[]) => {
        const offsets: number[] = [];
        const polygon = [
          ...edges.map(([x, y]) => [x, y] as const),
          ...edges.map(([x, , y]) => [x, y] as const).reverse(),
        ];
        for (let y = 0; y < size; y++) {
          for (let x = 0; x < size; x++) {
            if (pixelInside(polygon, x, y)) offsets.push((y * size + x) * 4);
          }
        }
        return offsets;
      };
      const below = pixels(band(0.8, 1));
      const above = pixels(band(0, 0.35));
      expect(below.length, `${name}: pixels below the lid`).toBeGreaterThan(10);
      expect(above.length, `${name}: pixels under the lid`).toBeGreaterThan(10);
      const same = (offset: number) =>
        [0, 1, 2].every((channel) => frame[offset + channel] === source.data[offset + channel]);
      // Below the lid the eye is the photo's own, not squashed; under it, lid skin, not the iris's top.
      expect(
        below.filter((offset) => !same(offset)),
        `${name}: eye below the lid`,
      ).toEqual([]);
      expect(above.filter(same).length / above.length, `${name}: photo left under the lid`).toBeLessThan(0.1);
      const photoDark = above.filter((offset) => (source.data[offset] as number) < 90).length;
      const lidDark = above.filter((offset) => (frame[offset] as number) < 90).length;
      expect(photoDark, `${name}: iris under the lid in the photo`).toBeGreaterThan(above.length / 5);
      expect(lidDark, `${name}: iris left under the lid`).toBeLessThan(photoDark / 4);
    }
  });
});
