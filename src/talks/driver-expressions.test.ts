import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PhotoTalkSite, startPhotoTalkSite } from "./test-support/photo-talk-site.js";

const SIZE = 192;

/** D-ID's config.driver_expressions on POST /talks: validated, echoed on the talk, and seen in the video. */
describe("POST /talks with config.driver_expressions", () => {
  let site: PhotoTalkSite;
  beforeAll(async () => {
    site = await startPhotoTalkSite(SIZE);
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });
  const post = (config: Record<string, unknown>) => site.post(config);
  const frames = (talk: Record<string, unknown>) => site.frames(talk);
  const finished = (id: string) => site.finished(id);

  it("refuses an unknown expression with a D-ID validation error", async () => {
    const response = await post({
      driver_expressions: { expressions: [{ start_frame: 0, expression: "angry" }] },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { kind: string; description: string };
    expect(body.description).toMatch(/driver_expressions/);
  });

  it("echoes the expressions on the talk and raises the brows of a surprised face", async () => {
    const driver = {
      expressions: [{ start_frame: 0, expression: "surprise", intensity: 1 }],
      transition_frames: 0,
    };
    const surprised = (await (await post({ driver_expressions: driver })).json()) as { id: string };
    const plain = (await (await post({})).json()) as { id: string };
    const [surprisedTalk, plainTalk] = [await finished(surprised.id), await finished(plain.id)];
    expect(surprisedTalk).toMatchObject({ status: "done", config: { driver_expressions: driver } });
    expect(plainTalk.status).toBe("done");
    expect(plainTalk.config).not.toHaveProperty("driver_expressions");

    const [moved, still] = [await frames(surprisedTalk), await frames(plainTalk)];
    expect(moved.length).toBe(still.length);
    // The band of the brows and forehead (rows 25–45% of this crop) differs; the bottom of the frame (shoulders,
    // outside the face) only by the encoder's noise.
    const difference = (from: number, to: number) => {
      let sum = 0;
      let count = 0;
      for (let frame = 10; frame < moved.length; frame++) {
        for (let offset = Math.round(SIZE * from) * SIZE; offset < Math.round(SIZE * to) * SIZE; offset++) {
          sum += Math.abs(
            ((moved[frame] as Uint8Array)[offset] as number) -
              ((still[frame] as Uint8Array)[offset] as number),
          );
          count++;
        }
      }
      return sum / count;
    };
    const noise = difference(0.9, 1);
    expect(difference(0.25, 0.45), "brows and forehead against the encoder's noise").toBeGreaterThan(
      Math.max(1, noise * 3),
    );
  }, 120_000);
});
