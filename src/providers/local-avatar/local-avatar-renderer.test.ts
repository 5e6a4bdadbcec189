import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MESH } from "../../avatar/face-landmarks.js";
import { importPhoto, type StoredPhoto } from "../../avatar/node/photo-store.js";
import { ASTRONAUT_PHOTO } from "../../avatar/node/test-support/fixtures.js";
import { cropAroundFace } from "../../avatar/photo-mesh.js";
import type { FaceChoice } from "../../core/twin.js";
import { LocalAvatarRenderer } from "./local-avatar-renderer.js";
import { decodeGreyFrames, largestChange, probe, type Region } from "./test-support/mp4-inspection.js";
import { syntheticTalk } from "./test-support/synthetic-talk.js";

const SIZE = 192;
const FPS = 25;
const mediaDir = mkdtempSync(join(tmpdir(), "aitwin-avatar-media-"));
const renderer = new LocalAvatarRenderer({ mediaDir });
let photo: StoredPhoto;

beforeAll(async () => {
  photo = await importPhoto(mediaDir, await readFile(ASTRONAUT_PHOTO));
});

async function renderTalk(face: FaceChoice, durationMs = 2000) {
  const { audio, timeline } = syntheticTalk(durationMs);
  const output = join(mediaDir, `talk-${face.kind}.mp4`);
  const progress: number[] = [];
  const video = await renderer.render(
    {
      face,
      text: "test",
      audio,
      timeline,
      size: SIZE,
      fps: FPS,
      onProgress: (value) => progress.push(value),
    },
    output,
  );
  return { video, output, progress, durationMs };
}

/** The mouth's box in frame pixels, from the stored landmarks and the renderer's crop. */
function photoMouthRegion(): Region {
  const crop = cropAroundFace(photo.landmarks, SIZE);
  const scale = SIZE / crop.side;
  const points = [...MESH.lipsUpperOuter, ...MESH.lipsLowerOuter].map(
    (index) => photo.landmarks.points[index],
  );
  const xs = points.map((each) => ((each?.[0] ?? 0) - crop.x) * scale);
  const ys = points.map((each) => ((each?.[1] ?? 0) - crop.y) * scale);
  const x = Math.floor(Math.min(...xs));
  const y = Math.floor(Math.min(...ys));
  return { x, y, width: Math.ceil(Math.max(...xs)) - x, height: Math.ceil(Math.max(...ys)) - y + 4 };
}

describe.each([
  ["illustrated", { kind: "illustrated", look: "midnight" } as FaceChoice],
  ["photo", undefined],
])("LocalAvatarRenderer (%s)", (name, given) => {
  it("writes an H.264 + AAC MP4 whose audio and video agree within a frame, mouth moving, background still", async () => {
    const face = given ?? ({ kind: "photo", mediaId: photo.mediaId } as FaceChoice);
    const { video, output, progress, durationMs } = await renderTalk(face);
    expect(video).toMatchObject({ width: SIZE, height: SIZE });
    expect(progress.at(-1)).toBe(1);

    const { streams, formatName } = await probe(output);
    expect(formatName).toContain("mp4");
    const videoStream = streams.find((each) => each.codec_type === "video");
    const audioStream = streams.find((each) => each.codec_type === "audio");
    expect(videoStream).toMatchObject({ codec_name: "h264", pix_fmt: "yuv420p", width: SIZE, height: SIZE });
    expect(audioStream?.codec_name).toBe("aac");
    const videoSeconds = Number(videoStream?.duration);
    const audioSeconds = Number(audioStream?.duration);
    expect(Math.abs(videoSeconds - audioSeconds)).toBeLessThanOrEqual(1 / FPS);
    expect(Math.abs(audioSeconds - durationMs / 1000)).toBeLessThanOrEqual(1 / FPS);

    const frames = await decodeGreyFrames(output, SIZE, SIZE);
    expect(frames.length).toBe(Math.round((durationMs / 1000) * FPS));
    const mouth =
      name === "photo"
        ? photoMouthRegion()
        : { x: SIZE * 0.38, y: SIZE * 0.6, width: SIZE * 0.24, height: SIZE * 0.16 };
    const rounded = {
      x: Math.round(mouth.x),
      y: Math.round(mouth.y),
      width: Math.round(mouth.width),
      height: Math.round(mouth.height),
    };
    expect(largestChange(frames, SIZE, rounded)).toBeGreaterThan(12);
    // Corners of the frame are far from the face: only compression noise may change them.
    const corner = Math.round(SIZE * 0.15);
    for (const region of [
      { x: 0, y: 0, width: corner, height: corner },
      { x: SIZE - corner, y: 0, width: corner, height: corner },
    ]) {
      expect(largestChange(frames, SIZE, region)).toBeLessThan(1.5);
    }
  });
});

describe("LocalAvatarRenderer input checks", () => {
  it("refuses odd sizes, silly frame rates and unknown looks before starting ffmpeg", async () => {
    const { audio, timeline } = syntheticTalk(200);
    const base = {
      text: "x",
      audio,
      timeline,
      fps: 25,
      size: 64,
      face: { kind: "illustrated", look: "sunny" },
    };
    const output = join(mediaDir, "never.mp4");
    await expect(renderer.render({ ...base, size: 65 } as never, output)).rejects.toThrow(/even/);
    await expect(renderer.render({ ...base, fps: 0 } as never, output)).rejects.toThrow(/fps/);
    await expect(
      renderer.render({ ...base, face: { kind: "illustrated", look: "nope" } } as never, output),
    ).rejects.toThrow(/unknown illustrated look "nope"/);
    await expect(
      renderer.render({ ...base, face: { kind: "photo", mediaId: "a".repeat(64) } } as never, output),
    ).rejects.toThrow(/^no photo a{64}$/);
  });
});
