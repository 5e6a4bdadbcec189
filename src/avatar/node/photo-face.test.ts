import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { MESH } from "../face-landmarks.js";
import type { FaceState } from "../face-state.js";
import { deformMesh, faceFrame } from "../photo-deform.js";
import { PhotoFace } from "../photo-face.js";
import { cropAroundFace, type FrameCrop } from "../photo-mesh.js";
import { importPhoto, type StoredPhoto } from "./photo-store.js";
import { ASTRONAUT_PHOTO } from "./test-support/fixtures.js";

/**
 * The photo face in the pure core, on the real portrait: whatever the face does, every pixel outside the fixed ring
 * (the four corners above all) is the photo's own pixel, at any frame size, the browser's 512 included.
 */
let photo: StoredPhoto;
let image: Buffer;
beforeAll(async () => {
  photo = await importPhoto(
    mkdtempSync(join(tmpdir(), "aitwin-photo-face-")),
    await readFile(ASTRONAUT_PHOTO),
  );
  image = await readFile(photo.imagePath);
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

async function photoFaceAt(crop: FrameCrop) {
  const data = await sharp(image)
    .extract({ left: crop.x, top: crop.y, width: crop.side, height: crop.side })
    .resize(crop.size, crop.size)
    .ensureAlpha()
    .raw()
    .toBuffer();
  const source = { width: crop.size, height: crop.size, data: new Uint8Array(data) };
  return { source, face: new PhotoFace(source, photo.landmarks, crop) };
}

/** Pixels whose centre lies outside the fixed ring: the ring points are the mesh's vertices after the face's. */
function outsideRing(face: PhotoFace, size: number): boolean[] {
  const { rest, faceCount } = face.mesh;
  const ring: [number, number][] = [];
  for (let index = faceCount; index < rest.length / 2; index++) {
    ring.push([rest[index * 2] as number, rest[index * 2 + 1] as number]);
  }
  const outside: boolean[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let inside = false;
      for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
        const [xi, yi] = ring[index] as [number, number];
        const [xj, yj] = ring[previous] as [number, number];
        if (yi > y + 0.5 !== yj > y + 0.5 && x + 0.5 < ((xj - xi) * (y + 0.5 - yi)) / (yj - yi) + xi) {
          inside = !inside;
        }
      }
      outside.push(!inside);
    }
  }
  return outside;
}

function differing(
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

describe("PhotoFace on the astronaut", () => {
  it.each([256, 333, 446, 511, 512])(
    "leaves every pixel outside the ring, and all four corners, as photographed at %i px",
    async (size) => {
      const { source, face } = await photoFaceAt(cropAroundFace(photo.landmarks, size));
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
    const { box } = photo.landmarks;
    // A crop with the face against its top-left corner, so ring points clamp onto the frame's edges.
    const crop = {
      x: Math.max(0, Math.round(box.x) - 10),
      y: Math.max(0, Math.round(box.y) - 10),
      side: 300,
    };
    const size = 300;
    const { source, face } = await photoFaceAt({ ...crop, size });
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
});

/** Luminance of each pixel whose centre lies inside the polygon through `ring` (mesh vertices at rest). */
function lumaInside(frame: Uint8Array, size: number, rest: Float32Array, ring: readonly number[]): number[] {
  const corners = ring.map((index) => [rest[index * 2] as number, rest[index * 2 + 1] as number] as const);
  const found: number[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let inside = false;
      for (let index = 0, previous = corners.length - 1; index < corners.length; previous = index++) {
        const [xi, yi] = corners[index] as readonly [number, number];
        const [xj, yj] = corners[previous] as readonly [number, number];
        if (yi > y + 0.5 !== yj > y + 0.5 && x + 0.5 < ((xj - xi) * (y + 0.5 - yi)) / (yj - yi) + xi) {
          inside = !inside;
        }
      }
      if (!inside) continue;
      const offset = (y * size + x) * 4;
      found.push(
        0.299 * (frame[offset] as number) +
          0.587 * (frame[offset + 1] as number) +
          0.114 * (frame[offset + 2] as number),
      );
    }
  }
  return found;
}

function spread(values: number[]): number {
  const mean = values.reduce((sum, each) => sum + each, 0) / values.length;
  return Math.sqrt(values.reduce((sum, each) => sum + (each - mean) ** 2, 0) / values.length);
}

const LOOKING: FaceState = {
  mouth: { jaw: 0, open: 0, wide: 0, teeth: 0, tongue: 0 },
  eyelids: 0,
  gaze: { x: 0, y: 0 },
  head: { yaw: 0, pitch: 0, roll: 0, x: 0, y: 0 },
  activity: 0,
};

const EYES = [
  { name: "right", upper: MESH.rightEyeUpper0, lower: MESH.rightEyeLower0, crease: MESH.rightEyeUpper1 },
  { name: "left", upper: MESH.leftEyeUpper0, lower: MESH.leftEyeLower0, crease: MESH.leftEyeUpper1 },
];

describe("PhotoFace gaze on the astronaut", () => {
  /** Centroid of how dark each pixel of the eye's opening is (the iris and pupil pull it), in frame pixels. */
  const darkCentroid = (frame: Uint8Array, size: number, rest: Float32Array, ring: readonly number[]) => {
    const xs = ring.map((index) => rest[index * 2] as number);
    const ys = ring.map((index) => rest[index * 2 + 1] as number);
    let sum = 0;
    let sumX = 0;
    for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++) {
      for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x++) {
        let inside = false;
        for (let at = 0, previous = ring.length - 1; at < ring.length; previous = at++) {
          const [xi, yi] = [xs[at] as number, ys[at] as number];
          const [xj, yj] = [xs[previous] as number, ys[previous] as number];
          if (yi > y + 0.5 !== yj > y + 0.5 && x + 0.5 < ((xj - xi) * (y + 0.5 - yi)) / (yj - yi) + xi)
            inside = !inside;
        }
        if (!inside) continue;
        const offset = (y * size + x) * 4;
        const luma =
          0.299 * (frame[offset] as number) +
          0.587 * (frame[offset + 1] as number) +
          0.114 * (frame[offset + 2] as number);
        const weight = Math.max(0, 200 - luma) ** 2;
        sum += weight;
        sumX += weight * (x + 0.5);
      }
    }
    return sumX / sum;
  };

  it("moves both irises the way the eyes look, and nothing outside the eyes", async () => {
    const size = 512;
    const { source, face } = await photoFaceAt(cropAroundFace(photo.landmarks, size));
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
    const { source, face } = await photoFaceAt(cropAroundFace(photo.landmarks, size));
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
    const { source, face } = await photoFaceAt(cropAroundFace(photo.landmarks, size));
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
            let inside = false;
            for (let index = 0, previous = polygon.length - 1; index < polygon.length; previous = index++) {
              const [xi, yi] = polygon[index] as readonly [number, number];
              const [xj, yj] = polygon[previous] as readonly [number, number];
              if (yi > y + 0.5 !== yj > y + 0.5 && x + 0.5 < ((xj - xi) * (y + 0.5 - yi)) / (yj - yi) + xi) {
                inside = !inside;
              }
            }
            if (inside) offsets.push((y * size + x) * 4);
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

/** The mouth's opening (inside the inner lip lines) and the lips (between inner and outer lines), as vertex rings. */
const OPENING = [...MESH.lipsUpperInner, ...[...MESH.lipsLowerInner].reverse()];
const LIPS = [
  [...MESH.lipsUpperOuter, ...[...MESH.lipsUpperInner].reverse()],
  [...MESH.lipsLowerOuter, ...[...MESH.lipsLowerInner].reverse()],
];
const mean = (values: number[]) => values.reduce((sum, each) => sum + each, 0) / values.length;
const OPEN: FaceState = { ...LOOKING, mouth: { jaw: 1, open: 1, wide: 0, teeth: 1, tongue: 0 } };

function movedAt(face: PhotoFace, state: FaceState): Float32Array {
  return deformMesh(face.mesh, faceFrame(face.mesh), state);
}

describe("PhotoFace mouth on the astronaut", () => {
  it.each([256, 512])("shows the photo's own smile, teeth and all, at rest, at %i px", async (size) => {
    const { source, face } = await photoFaceAt(cropAroundFace(photo.landmarks, size));
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
      const { face } = await photoFaceAt(cropAroundFace(photo.landmarks, size));
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
    const crop = cropAroundFace(photo.landmarks, size);
    const { source } = await photoFaceAt(crop);
    const points = photo.landmarks.points.map(([x, y]) => [x, y] as [number, number]);
    MESH.lipsLowerInner.forEach((lower, index) => {
      points[lower] = [...(points[MESH.lipsUpperInner[index] as number] as [number, number])];
    });
    const face = new PhotoFace(source, { ...photo.landmarks, points }, crop);
    const { rest } = face.mesh;
    const lipXs = MESH.lipsUpperInner.map((index) => rest[index * 2] as number);
    const lipYs = MESH.lipsUpperInner.map((index) => rest[index * 2 + 1] as number);
    const box = {
      left: Math.floor(Math.min(...lipXs)),
      right: Math.ceil(Math.max(...lipXs)),
      top: Math.floor(Math.min(...lipYs)) - 4,
      bottom: Math.ceil(Math.max(...lipYs)) + 4,
    };
    const luma = (data: Uint8Array, offset: number) =>
      0.299 * (data[offset] as number) +
      0.587 * (data[offset + 1] as number) +
      0.114 * (data[offset + 2] as number);
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
          darkest = Math.min(darkest, luma(frame, offset) / Math.max(1, luma(source.data, offset)));
        }
      }
      expect(
        darkest,
        `darkest pixel against the photo with the lips ${gap.toFixed(2)} px apart`,
      ).toBeGreaterThan(1 - gap - 0.15);
    }
    expect(tried, "openings under half a pixel tried").toBeGreaterThan(3);
  });

  it("gives a closed-mouth photo a dark mouth with a hint of teeth as it opens", async () => {
    const size = 512;
    const crop = cropAroundFace(photo.landmarks, size);
    const { source } = await photoFaceAt(crop);
    // The same portrait with its lips said to meet: the lower inner lip line on the upper one.
    const points = photo.landmarks.points.map(([x, y]) => [x, y] as [number, number]);
    MESH.lipsLowerInner.forEach((lower, index) => {
      const upper = points[MESH.lipsUpperInner[index] as number] as [number, number];
      points[lower] = [upper[0], upper[1]];
    });
    const face = new PhotoFace(source, { ...photo.landmarks, points }, crop);
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
    expect(mean(opening), "the opening against the lips").toBeLessThan(mean(lips) * 0.7);
    const teeth = opening.filter((value) => value > 150).length / opening.length;
    expect(teeth, "drawn teeth").toBeGreaterThan(0.05);
    expect(teeth, "drawn teeth").toBeLessThan(0.5);
  });
});
