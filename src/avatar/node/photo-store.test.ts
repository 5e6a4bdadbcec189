import { mkdtempSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { BadInputError } from "../../core/errors.js";
import { importPhoto, loadPhoto } from "./photo-store.js";
import { ASTRONAUT_PHOTO } from "./test-support/fixtures.js";

const mediaDir = mkdtempSync(join(tmpdir(), "aitwin-photos-"));
let astronaut: Buffer;
beforeAll(async () => {
  astronaut = await readFile(ASTRONAUT_PHOTO);
});

/** A PNG whose header claims a size far beyond the pixel cap; its data would decode to gigabytes. */
function decompressionBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([length, Buffer.from(type), data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(60000, 0);
  header.writeUInt32BE(60000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.alloc(1024))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe("importPhoto", () => {
  it("finds the face, stores the photo and its landmarks once, keyed by content", async () => {
    const first = await importPhoto(mediaDir, astronaut);
    expect(first.mediaId).toMatch(/^[0-9a-f]{64}$/);
    expect(first.landmarks.points).toHaveLength(478);
    expect(first.landmarks.facesFound).toBe(1);
    const { box } = first.landmarks;
    // The astronaut's face is in the upper middle of the 512² portrait.
    expect(box.x + box.width / 2).toBeGreaterThan(150);
    expect(box.x + box.width / 2).toBeLessThan(350);
    const landmarksFile = join(mediaDir, `${first.mediaId}.landmarks.json`);
    const written = (await stat(landmarksFile)).mtimeMs;
    const again = await loadPhoto(mediaDir, first.mediaId);
    expect(again.landmarks).toEqual(first.landmarks);
    expect((await stat(landmarksFile)).mtimeMs).toBe(written);
  });

  it("uses the largest of several faces and says so", async () => {
    const small = await sharp(astronaut).resize(256, 256).toBuffer();
    const group = await sharp({ create: { width: 1024, height: 512, channels: 3, background: "#dddddd" } })
      .composite([
        { input: astronaut, left: 0, top: 0 },
        { input: small, left: 700, top: 128 },
      ])
      .png()
      .toBuffer();
    const photo = await importPhoto(mediaDir, group);
    expect(photo.landmarks.facesFound).toBe(2);
    expect(photo.notes.join(" ")).toMatch(/found 2 faces in the photo; using the largest/);
    expect(photo.landmarks.box.x).toBeLessThan(512);
  });

  it("downscales a large photo and says so", async () => {
    const large = await sharp(astronaut).resize(2600, 2600).jpeg().toBuffer();
    const photo = await importPhoto(mediaDir, large);
    expect(photo.notes.join(" ")).toMatch(/downscaled the photo from 2600x2600 to 1280x1280/);
    expect(photo.landmarks.imageWidth).toBe(1280);
  });

  it.each([
    [
      "no face",
      () =>
        sharp({ create: { width: 400, height: 300, channels: 3, background: "#4080c0" } })
          .png()
          .toBuffer(),
      /no face found/,
    ],
    [
      "a tiny face",
      async () =>
        sharp({ create: { width: 900, height: 900, channels: 3, background: "#dddddd" } })
          .composite([{ input: await sharp(astronaut).resize(96, 96).toBuffer(), left: 400, top: 400 }])
          .png()
          .toBuffer(),
      /(too small|no face found)/,
    ],
    ["a decompression bomb", async () => decompressionBomb(), /too many pixels \(60000x60000/],
    ["a truncated PNG", async () => astronaut.subarray(0, 4000), /PNG photo is corrupt or truncated/],
    ["a text file", async () => Buffer.from("hello, this is not a photo"), /not an image/],
    [
      "a GIF",
      async () => Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"),
      /GIF photos are not supported/,
    ],
    ["an empty file", async () => Buffer.alloc(0), /empty/],
  ])("refuses %s with a clear message", async (_name, make, message) => {
    const error = await importPhoto(mediaDir, await make()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as Error).message).toMatch(message);
  });
});
