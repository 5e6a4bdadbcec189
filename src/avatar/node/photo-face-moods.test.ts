import { beforeAll, describe, expect, it } from "vitest";
import { MOODS, moodExpression } from "../expression.js";
import { MESH } from "../face-landmarks.js";
import type { FaceState } from "../face-state.js";
import { VISEME_SHAPES } from "../mouth-shapes.js";
import { cropAroundFace } from "../photo-mesh.js";
import {
  type Astronaut,
  LOOKING,
  loadAstronaut,
  movedAt,
  photoFaceAt,
} from "./test-support/photo-face-harness.js";

/** Moods on the astronaut's mesh: brows and mouth corners move, the opening each viseme makes does not. */
let astronaut: Astronaut;
beforeAll(async () => {
  astronaut = await loadAstronaut();
});

const y = (points: Float32Array, index: number) => points[index * 2 + 1] as number;
const mean = (values: number[]) => values.reduce((sum, each) => sum + each, 0) / values.length;

describe("PhotoFace moods", () => {
  it("keeps every viseme's opening across the middle of the mouth, whatever the mood", async () => {
    const { face } = await photoFaceAt(astronaut, cropAroundFace(astronaut.photo.landmarks, 512));
    // The inner lips' middle five pairs: the opening the viseme makes.
    const pairs = [3, 4, 5, 6, 7].map(
      (index) => [MESH.lipsUpperInner[index], MESH.lipsLowerInner[index]] as const,
    );
    for (const [viseme, mouth] of Object.entries(VISEME_SHAPES)) {
      const neutral = movedAt(face, { ...LOOKING, mouth });
      for (const mood of MOODS) {
        const moved = movedAt(face, { ...LOOKING, mouth, expression: moodExpression(mood) });
        for (const [upper, lower] of pairs) {
          const gap = y(moved, lower as number) - y(moved, upper as number);
          const expected = y(neutral, lower as number) - y(neutral, upper as number);
          expect(Math.abs(gap - expected), `${viseme} ${mood}`).toBeLessThan(0.1);
        }
      }
    }
  });

  it("lifts the mouth's corners when happy, drops them when serious, raises the brows when surprised", async () => {
    const { face } = await photoFaceAt(astronaut, cropAroundFace(astronaut.photo.landmarks, 512));
    const state = (mood: (typeof MOODS)[number]): FaceState => ({
      ...LOOKING,
      mouth: VISEME_SHAPES.E,
      expression: moodExpression(mood),
    });
    const neutral = movedAt(face, state("neutral"));
    const corners = (moved: Float32Array) =>
      mean([MESH.mouthLeft, MESH.mouthRight].map((index) => y(moved, index)));
    const brows = (moved: Float32Array) =>
      mean([...MESH.rightBrow, ...MESH.leftBrow].map((index) => y(moved, index)));
    expect(corners(neutral) - corners(movedAt(face, state("happy"))), "happy corners up, px").toBeGreaterThan(
      2,
    );
    expect(
      corners(movedAt(face, state("serious"))) - corners(neutral),
      "serious corners down, px",
    ).toBeGreaterThan(0.5);
    expect(
      brows(neutral) - brows(movedAt(face, state("surprised"))),
      "surprised brows up, px",
    ).toBeGreaterThan(3);
    expect(brows(movedAt(face, state("serious"))) - brows(neutral), "serious brows down, px").toBeGreaterThan(
      1,
    );
  });
});
