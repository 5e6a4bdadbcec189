/**
 * Talking-head figures: MP4 render speed as a multiple of real time (512², 25 fps), the same against ffmpeg alone
 * encoding the same number of frames with the same audio (the floor any renderer pays), face landmarking per photo,
 * lip-sync measured from a rendered MP4 alone (avatar-lip-sync.ts), and the process's peak memory.
 */
import { createReadStream } from "node:fs";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FaceAnimation } from "../src/avatar/face-state.js";
import { detectFace } from "../src/avatar/node/face-detector.js";
import { loadHuman } from "../src/avatar/node/human-models.js";
import { importPhoto, type StoredPhoto } from "../src/avatar/node/photo-store.js";
import { ASTRONAUT_PHOTO } from "../src/avatar/node/test-support/fixtures.js";
import { seedFromText } from "../src/avatar/seeded-random.js";
import type { AudioClip } from "../src/core/audio.js";
import type { SpeechTimeline } from "../src/core/timeline.js";
import type { FaceChoice } from "../src/core/twin.js";
import { createFliteSynthesizer } from "../src/providers/flite/flite-synthesizer.js";
import { illustratedDrawer, photoDrawer } from "../src/providers/local-avatar/frame-drawers.js";
import { LocalAvatarRenderer } from "../src/providers/local-avatar/local-avatar-renderer.js";
import { Mp4Encoder } from "../src/providers/local-avatar/mp4-encoder.js";
import { syntheticTalk } from "../src/providers/local-avatar/test-support/synthetic-talk.js";
import { encodeWav } from "../src/voice/wav.js";
import { measureLipSync } from "./avatar-lip-sync.js";
import { type BenchSuite, median } from "./suite.js";

const SIZE = 512;
const FPS = 25;
const TALK_MS = 10_000;
const ROUNDS = 3;
/** Open vowels and p/b/m closures, spoken by the local voice. */
const LIP_SYNC_TEXT = "Ah, far away, I saw a large car. Bob may bring maple pie, and a map of the bay.";

/** The frames a render of this talk encodes, as one raw RGBA file; returns the seconds spent drawing them. */
async function drawFrames(
  face: FaceChoice,
  photo: StoredPhoto,
  timeline: SpeechTimeline,
  audio: AudioClip,
  frames: number,
  path: string,
): Promise<number> {
  const draw =
    face.kind === "illustrated" ? illustratedDrawer(face.look, SIZE) : await photoDrawer(photo, SIZE);
  const animation = new FaceAnimation(seedFromText(face.kind === "illustrated" ? face.look : face.mediaId));
  // As the renderer animates it: the same text and audio (its pitch peaks nod), so ffmpeg alone encodes the very frames.
  const talk = { timeline, startedAt: 0, text: "bench", audio };
  const file = await open(path, "w");
  let drawing = 0;
  try {
    for (let index = 0; index < frames; index++) {
      const start = performance.now();
      const frame = draw.draw(animation.stateAt((index * 1000) / FPS, talk));
      drawing += performance.now() - start;
      await file.write(frame);
      draw.release(frame);
    }
    return drawing / 1000;
  } finally {
    await file.close();
  }
}

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

export const avatarSuite: BenchSuite = {
  name: "avatar",
  async run(report) {
    const workDir = await mkdtemp(join(tmpdir(), "aitwin-bench-avatar-"));
    try {
      const photoBytes = await readFile(ASTRONAUT_PHOTO);
      const loadSeconds = await seconds(() => loadHuman());
      const detections: number[] = [];
      for (let round = 0; round < ROUNDS; round++)
        detections.push(await seconds(() => detectFace(photoBytes)));
      report(`face model load (once per process): ${(loadSeconds * 1000).toFixed(0)} ms`);
      report(`face landmarking per photo (512² portrait), p50: ${(median(detections) * 1000).toFixed(0)} ms`);

      const photo = await importPhoto(workDir, photoBytes);
      const renderer = new LocalAvatarRenderer({ mediaDir: workDir });
      const { audio, timeline } = syntheticTalk(TALK_MS);
      const frames = Math.round((TALK_MS / 1000) * FPS);
      const audioPath = join(workDir, "talk.wav");
      await writeFile(audioPath, encodeWav(audio));
      // ffmpeg alone: the very frames of the talk (drawn beforehand into a file), same settings and audio.
      const floor = async (rawPath: string) => {
        const encoder = new Mp4Encoder({
          width: SIZE,
          height: SIZE,
          fps: FPS,
          audioPath,
          outputPath: join(workDir, "floor.mp4"),
        });
        for await (const frame of createReadStream(rawPath, { highWaterMark: SIZE * SIZE * 4 })) {
          await encoder.write(frame as Buffer);
        }
        await encoder.finish();
      };
      const faces: [string, FaceChoice][] = [
        ["illustrated", { kind: "illustrated", look: "sunny" }],
        ["photo", { kind: "photo", mediaId: photo.mediaId }],
      ];
      for (const [name, face] of faces) {
        const rawPath = join(workDir, `${name}.rgba`);
        const drawing = await drawFrames(face, photo, timeline, audio, frames, rawPath);
        const renders: number[] = [];
        const floors: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          floors.push(await seconds(() => floor(rawPath)));
          const request = { face, text: "bench", audio, timeline, size: SIZE, fps: FPS };
          renders.push(await seconds(() => renderer.render(request, join(workDir, `${name}.mp4`))));
        }
        const render = median(renders);
        const alone = median(floors);
        report(
          `${name} ${SIZE}² ${FPS} fps, ${TALK_MS / 1000} s talk: ${(TALK_MS / 1000 / render).toFixed(1)}× real time ` +
            `(target ≥ 8×); ${(render / alone).toFixed(2)}× ffmpeg alone (target ≤ 1.5×; ffmpeg alone ` +
            `${(TALK_MS / 1000 / alone).toFixed(1)}× real time); drawing alone ` +
            `${((drawing * 1000) / frames).toFixed(2)} ms a frame (${(TALK_MS / 1000 / drawing).toFixed(1)}× real time)`,
        );
      }
      const speech = await createFliteSynthesizer().synthesize({ text: LIP_SYNC_TEXT });
      const talkPath = join(workDir, "lip-sync.mp4");
      await renderer.render(
        {
          face: { kind: "photo", mediaId: photo.mediaId },
          text: LIP_SYNC_TEXT,
          audio: speech.audio,
          timeline: speech.timeline,
          size: SIZE,
          fps: FPS,
        },
        talkPath,
      );
      const sync = await measureLipSync(talkPath, SIZE, FPS, speech.timeline);
      report(
        `lip-sync from the MP4 alone (photo, flite "${LIP_SYNC_TEXT.slice(0, 24)}…", ${sync.frames} frames): ` +
          `mouth opening vs audio envelope peak at ${sync.lagFrames >= 0 ? "+" : ""}${sync.lagFrames} frame(s) ` +
          `(target within ±1), r = ${sync.r.toFixed(2)} (target ≥ 0.5); p/b/m closed ${sync.closures} of ` +
          `${sync.bilabials} (${((100 * sync.closures) / Math.max(1, sync.bilabials)).toFixed(0)}%, target ≥ 90%)`,
      );
      report(
        `peak memory (this process, ffmpeg not included): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
      );
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  },
};
