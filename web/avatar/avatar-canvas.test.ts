import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPhoto, type StoredPhoto } from "../../src/avatar/node/photo-store.js";
import { ASTRONAUT_PHOTO } from "../../src/avatar/node/test-support/fixtures.js";
import { cropAroundFace } from "../../src/avatar/photo-mesh.js";
import { launchChromium } from "../test-support/chromium.js";
import { buildAvatarBundle } from "./build.js";

/**
 * The browser drawer in real headless Chromium: every look and a photo draw, the mouth changes between a closed and
 * an open viseme, the rest of the frame does not. `UPDATE_SCREENSHOTS=1` refreshes docs/screenshots/.
 */
const SIZE = 256;
const screenshots = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));
let browser: Browser;

async function astronaut(): Promise<{ photo: StoredPhoto; photoUrl: string }> {
  const photo = await importPhoto(
    mkdtempSync(join(tmpdir(), "aitwin-web-")),
    await readFile(ASTRONAUT_PHOTO),
  );
  const photoUrl = `data:image/jpeg;base64,${(await readFile(photo.imagePath)).toString("base64")}`;
  return { photo, photoUrl };
}

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe("AvatarCanvas in Chromium", { timeout: 90_000 }, () => {
  it("draws each illustrated look and the photo, moving only the face", async () => {
    const page = await browser.newPage({ viewport: { width: SIZE * 4, height: SIZE } });
    await page.setContent(`<body style="margin:0;display:flex"></body>`);
    await page.addScriptTag({ content: await buildAvatarBundle() });
    const { photo, photoUrl } = await astronaut();

    const results = await page.evaluate(
      async ({ size, photoUrl, landmarks }) => {
        const { AvatarCanvas, looks } = window.aitwinAvatar;
        const image = new Image();
        image.src = photoUrl;
        await image.decode();
        const timeline = {
          duration: 1000,
          words: [],
          visemes: [
            { viseme: "PP" as const, start: 0, duration: 400 },
            { viseme: "aa" as const, start: 400, duration: 600 },
          ],
        };
        const faces = [
          ...looks.map((look) => ({ name: look, face: { kind: "illustrated" as const, look } })),
          { name: "photo", face: { kind: "photo" as const, image, landmarks } },
        ];
        return faces.map(({ name, face }) => {
          const canvas = document.createElement("canvas");
          canvas.width = canvas.height = size;
          canvas.id = name;
          document.body.append(canvas);
          const avatar = new AvatarCanvas(canvas, face, () => 0);
          avatar.speak(timeline, 0);
          const context = canvas.getContext("2d") as CanvasRenderingContext2D;
          const grey = () => {
            const { data } = context.getImageData(0, 0, size, size);
            return Array.from(
              { length: size * size },
              (_, index) => (data[index * 4] ?? 0) + (data[index * 4 + 1] ?? 0),
            );
          };
          avatar.drawAt(200);
          const closed = grey();
          avatar.drawAt(700);
          const open = grey();
          let changed = 0;
          let cornerChanged = 0;
          for (let index = 0; index < closed.length; index++) {
            const moved = Math.abs((closed[index] ?? 0) - (open[index] ?? 0)) > 40;
            if (!moved) continue;
            changed++;
            const x = index % size;
            const y = Math.floor(index / size);
            if ((x < size * 0.15 || x > size * 0.85) && y < size * 0.15) cornerChanged++;
          }
          return { name, changed, cornerChanged, label: canvas.getAttribute("aria-label") };
        });
      },
      { size: SIZE, photoUrl, landmarks: photo.landmarks },
    );

    expect(results.map((each) => each.name)).toEqual(["sunny", "midnight", "meadow", "photo"]);
    for (const result of results) {
      expect(result.label).toBe("avatar");
      expect(result.changed, result.name).toBeGreaterThan(40);
      expect(result.cornerChanged, result.name).toBe(0);
      const shot = await page.locator(`#${result.name}`).screenshot();
      expect(shot.byteLength).toBeGreaterThan(2000);
      if (process.env.UPDATE_SCREENSHOTS) writeFileSync(join(screenshots, `avatar-${result.name}.png`), shot);
    }
    await page.close();
  });

  it("leaves the photo's four corners exactly as photographed, at the page's 512 px and odd sizes", async () => {
    const page = await browser.newPage({ viewport: { width: 600, height: 600 } });
    await page.setContent(`<body style="margin:0"></body>`);
    await page.addScriptTag({ content: await buildAvatarBundle() });
    const { photo, photoUrl } = await astronaut();
    const sizes = [256, 333, 446, 511, 512];
    const crops = sizes.map((size) => cropAroundFace(photo.landmarks, size));

    const results = await page.evaluate(
      async ({ crops, photoUrl, landmarks }) => {
        const { AvatarCanvas } = window.aitwinAvatar;
        const image = new Image();
        image.src = photoUrl;
        await image.decode();
        const timeline = {
          duration: 2000,
          words: [],
          visemes: ["PP", "aa", "O", "E", "U"].map((viseme, index) => ({
            viseme: viseme as "PP",
            start: index * 400,
            duration: 400,
          })),
        };
        return crops.map((crop) => {
          const { size } = crop;
          // What the photo alone looks like on a canvas this size.
          const reference = document.createElement("canvas");
          reference.width = reference.height = size;
          const referenceContext = reference.getContext("2d") as CanvasRenderingContext2D;
          referenceContext.drawImage(image, crop.x, crop.y, crop.side, crop.side, 0, 0, size, size);
          const expected = referenceContext.getImageData(0, 0, size, size).data;

          // The live canvas starts black (as after another face), so any pixel the photo face leaves shows.
          const canvas = document.createElement("canvas");
          canvas.width = canvas.height = size;
          document.body.append(canvas);
          const context = canvas.getContext("2d") as CanvasRenderingContext2D;
          context.fillStyle = "#000";
          context.fillRect(0, 0, size, size);
          const avatar = new AvatarCanvas(canvas, { kind: "photo", image, landmarks }, () => 0);
          avatar.speak(timeline, 0);
          const corner = Math.round(size * 0.2);
          const wrong: string[] = [];
          let moved = 0;
          for (let t = 0; t <= 2000; t += 100) {
            avatar.drawAt(t);
            const { data } = context.getImageData(0, 0, size, size);
            for (let y = 0; y < size; y++) {
              for (let x = 0; x < size; x++) {
                const offset = (y * size + x) * 4;
                let same = true;
                for (let channel = 0; channel < 4; channel++) {
                  if (data[offset + channel] !== expected[offset + channel]) same = false;
                }
                const inCorner = (x < corner || x >= size - corner) && (y < corner || y >= size - corner);
                if (!same && inCorner && wrong.length < 5) wrong.push(`t=${t} ${x},${y}`);
                if (!same) moved++;
              }
            }
          }
          canvas.remove();
          return { size, wrong, moved };
        });
      },
      { crops, photoUrl, landmarks: photo.landmarks },
    );

    expect(results.map((each) => each.size)).toEqual(sizes);
    for (const result of results) {
      expect(result.wrong, `corners at ${result.size} px`).toEqual([]);
      // The face itself did move, so the corners were compared against a drawn frame.
      expect(result.moved, `face moved at ${result.size} px`).toBeGreaterThan(100);
    }
    await page.close();
  });
});
