import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../../cli/test-support/run-cli.js";
import { faceNearest, importPhoto, loadPhoto } from "./photo-store.js";
import { ASTRONAUT_PHOTO } from "./test-support/fixtures.js";

/** A photo with two faces: the portrait at full size on the left, a half-size copy on the right. */
let group: Buffer;
beforeAll(async () => {
  const astronaut = await readFile(ASTRONAUT_PHOTO);
  const small = await sharp(astronaut).resize(256, 256).toBuffer();
  group = await sharp({ create: { width: 1024, height: 512, channels: 3, background: "#dddddd" } })
    .composite([
      { input: astronaut, left: 0, top: 0 },
      { input: small, left: 700, top: 128 },
    ])
    .png()
    .toBuffer();
});

describe("choosing one face of several", { timeout: 60_000 }, () => {
  it("keeps every face, largest first, and loads the one asked for", async () => {
    const mediaDir = mkdtempSync(join(tmpdir(), "aitwin-faces-"));
    const { mediaId, landmarks } = await importPhoto(mediaDir, group);
    expect(landmarks.box.x).toBeLessThan(512);
    const second = await loadPhoto(mediaDir, mediaId, 1);
    expect(second.landmarks.box.x).toBeGreaterThan(700);
    expect(second.landmarks.box.width).toBeLessThan(landmarks.box.width);
    await expect(loadPhoto(mediaDir, mediaId, 2)).rejects.toThrow(
      "the photo shows 2 faces: face 3 is not one of them",
    );
    // D-ID's face: the one whose box is nearest the given one.
    expect(await faceNearest(mediaDir, mediaId, 828, 256)).toBe(1);
    expect(await faceNearest(mediaDir, mediaId, 100, 100)).toBe(0);
  });

  it("animates the face `aitwin say --face N` names, and refuses one the photo lacks", async () => {
    const dataDir = tempDataDir();
    const photo = join(dataDir, "group.png");
    writeFileSync(photo, group);
    const say = (face: string, output: string) =>
      runCli(dataDir, [
        "say",
        "Hello.",
        "--photo",
        photo,
        "--face",
        face,
        "--size",
        "128",
        "-o",
        join(dataDir, output),
      ]);
    const largest = await say("1", "one.mp4");
    const smaller = await say("2", "two.mp4");
    expect(largest.code, largest.stderr).toBe(0);
    expect(smaller.code, smaller.stderr).toBe(0);
    // Each video is framed around its own face: the two differ.
    expect(
      Buffer.compare(await readFile(join(dataDir, "one.mp4")), await readFile(join(dataDir, "two.mp4"))),
    ).not.toBe(0);
    const missing = await say("3", "three.mp4");
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/face 3 is not one of them/);
  });
});
