import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PhotoTalkSite, startPhotoTalkSite } from "./test-support/photo-talk-site.js";

const SIZE = 256;
const STILL = { headMotion: 0, blinkRate: 0, expressiveness: 1 };

/**
 * Ours, not D-ID's: `config.motion` (the twin's face motion, as on /api/twins) and `config.mood` (the reply's mood) on
 * POST /talks, which the page's "Download as video" sends so the MP4 moves as the page's face did: validated, echoed
 * on the talk, and seen in the video.
 */
describe("POST /talks with config.motion and config.mood", () => {
  let site: PhotoTalkSite;
  beforeAll(async () => {
    site = await startPhotoTalkSite(SIZE);
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });
  const post = (config: Record<string, unknown>) => site.post(config);
  const frames = (talk: Record<string, unknown>) => site.frames(talk);

  async function rendered(config: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { id } = (await (await post(config)).json()) as { id: string };
    return site.finished(id);
  }

  /** Mean absolute difference over rows `from`..`to` (fractions of the frame) between frames picked by `pair`. */
  function difference(
    videos: [Uint8Array[], Uint8Array[]],
    from: number,
    to: number,
    pair: (frame: number) => [number, number],
  ): number {
    let sum = 0;
    let count = 0;
    for (let frame = 10; frame < videos[0].length; frame++) {
      const [left, right] = pair(frame);
      const a = videos[0][left] as Uint8Array;
      const b = videos[1][right] as Uint8Array;
      for (let offset = Math.round(SIZE * from) * SIZE; offset < Math.round(SIZE * to) * SIZE; offset++) {
        sum += Math.abs((a[offset] as number) - (b[offset] as number));
        count++;
      }
    }
    return sum / count;
  }

  /** The average of frames 10 on, pixel by pixel. */
  function meanFrame(frames: Uint8Array[]): Float64Array {
    const mean = new Float64Array(SIZE * SIZE);
    for (let frame = 10; frame < frames.length; frame++) {
      const pixels = frames[frame] as Uint8Array;
      for (let offset = 0; offset < mean.length; offset++)
        mean[offset] = (mean[offset] as number) + (pixels[offset] as number);
    }
    return mean.map((sum) => sum / Math.max(1, frames.length - 10));
  }

  it("refuses a control out of range and an unknown mood with a validation error", async () => {
    for (const config of [{ motion: { headMotion: 3 } }, { motion: { wobble: 1 } }, { mood: "angry" }]) {
      const response = await post(config);
      expect(response.status, JSON.stringify(config)).toBe(400);
      const body = (await response.json()) as { description: string };
      expect(body.description).toMatch(/config\.(motion|mood)|headMotion|wobble|mood/);
    }
  });

  it("echoes them on the talk; no head motion keeps the head still, the mood moves the brows", async () => {
    const still = await rendered({ motion: STILL, mood: "neutral" });
    const surprised = await rendered({ motion: STILL, mood: "surprised" });
    const plain = await rendered({});
    expect(still).toMatchObject({ status: "done", config: { motion: STILL, mood: "neutral" } });
    expect(surprised).toMatchObject({ status: "done", config: { motion: STILL, mood: "surprised" } });
    expect(plain.status).toBe("done");
    expect(plain.config).not.toHaveProperty("motion");
    expect(plain.config).not.toHaveProperty("mood");

    const [stillFrames, surprisedFrames, plainFrames] = [
      await frames(still),
      await frames(surprised),
      await frames(plain),
    ];
    // The hair and forehead above the brows (rows 18–30% of this crop) move only with the head: from frame to frame
    // they change far less when the twin's head motion is 0 than with the default drift, nods and tilts.
    const previous = (frame: number): [number, number] => [frame, frame - 1];
    const stillMotion = difference([stillFrames, stillFrames], 0.18, 0.3, previous);
    const plainMotion = difference([plainFrames, plainFrames], 0.18, 0.3, previous);
    expect(stillMotion, "frame-to-frame change above the brows, still vs default").toBeLessThan(
      plainMotion / 2,
    );

    // Same head (still) and speech: the mood alone (surprised against neutral: only the brows differ) changes the
    // band of the brows. Each video's frames are averaged first, against the encoder's frame-to-frame noise; where the
    // picture has fine texture (the suit at the bottom) two encodings of different pictures still differ steadily a
    // little, so the brows must differ clearly more than that. Were the mood ignored, the videos would be identical.
    const [surprisedMean, stillMean] = [meanFrame(surprisedFrames), meanFrame(stillFrames)];
    const band = (from: number, to: number) => {
      let sum = 0;
      const [first, last] = [Math.round(SIZE * from) * SIZE, Math.round(SIZE * to) * SIZE];
      for (let offset = first; offset < last; offset++) {
        sum += Math.abs((surprisedMean[offset] as number) - (stillMean[offset] as number));
      }
      return sum / (last - first);
    };
    expect(band(0, 0.1), "the plain background above the head: same head, same timing").toBeLessThan(0.2);
    expect(band(0.22, 0.32), "brows against the suit's encoding noise").toBeGreaterThan(
      Math.max(1, band(0.9, 1) * 1.5),
    );
  }, 180_000);
});
