import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, openApp } from "../app/app.js";
import { ASTRONAUT_PHOTO } from "../avatar/node/test-support/fixtures.js";
import { parseConfig } from "../config.js";
import { decodeGreyFrames } from "../providers/local-avatar/test-support/mp4-inspection.js";
import { buildServer } from "../server/app-server.js";

const SIZE = 192;

/** D-ID's config.driver_expressions on POST /talks: validated, echoed on the talk, and seen in the video. */
describe("POST /talks with config.driver_expressions", () => {
  let dataDir: string;
  let app: App;
  let server: FastifyInstance;
  let base: string;
  let sourceUrl: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "aitwin-driver-expressions-"));
    app = await openApp(parseConfig({ AITWIN_DATA_DIR: dataDir, AITWIN_ALLOW_PRIVATE_URLS: "1" }));
    server = await buildServer(app);
    await server.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    const form = new FormData();
    form.append("image", new Blob([readFileSync(ASTRONAUT_PHOTO)], { type: "image/png" }), "face.png");
    sourceUrl = (
      (await (await fetch(`${base}/images`, { method: "POST", body: form })).json()) as { url: string }
    ).url;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (config: Record<string, unknown>) =>
    fetch(`${base}/talks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        source_url: sourceUrl,
        script: { type: "text", input: "Well, hello there. What a lovely day it is." },
        config: { size: SIZE, fps: 25, ...config },
      }),
    });

  async function finished(id: string): Promise<Record<string, unknown>> {
    for (let tries = 0; tries < 300; tries++) {
      const talk = (await (await fetch(`${base}/talks/${id}`)).json()) as Record<string, unknown>;
      if (talk.status === "done" || talk.status === "error") return talk;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`talk ${id} did not finish`);
  }

  async function frames(talk: Record<string, unknown>): Promise<Uint8Array[]> {
    const path = join(dataDir, `${talk.id as string}.mp4`);
    writeFileSync(path, Buffer.from(await (await fetch(talk.result_url as string)).arrayBuffer()));
    return decodeGreyFrames(path, SIZE, SIZE);
  }

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
