import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, openApp } from "../../app/app.js";
import { humanLoadedHere } from "../../avatar/node/human-models.js";
import { ASTRONAUT_PHOTO } from "../../avatar/node/test-support/fixtures.js";
import { parseConfig } from "../../config.js";
import { buildServer } from "../app-server.js";

interface UploadAnswer {
  error?: string;
  twin: { face: unknown };
  photo: { mediaId: string };
}

describe("photo upload and media routes", () => {
  let dataDir: string;
  let app: App;
  let server: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "aitwin-photos-"));
    app = await openApp(parseConfig({ AITWIN_DATA_DIR: dataDir }));
    server = await buildServer(app);
    await server.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = async (bytes: Uint8Array, name = "me.jpg", field = "photo", twin = "default") => {
    const form = new FormData();
    form.append(field, new Blob([bytes]), name);
    const response = await fetch(`${base}/api/twins/${twin}/photo`, { method: "POST", body: form });
    return { status: response.status, body: (await response.json()) as UploadAnswer };
  };

  it("makes an uploaded portrait the twin's face and serves the photo and its landmarks", async () => {
    const { status, body } = await upload(await readFile(ASTRONAUT_PHOTO), "astronaut.png");
    expect(status).toBe(201);
    expect(body.twin.face).toEqual({ kind: "photo", mediaId: body.photo.mediaId });
    expect((await app.store.twins.require("default")).face).toEqual(body.twin.face);

    const image = await fetch(`${base}/api/media/${body.photo.mediaId}`);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    const bytes = new Uint8Array(await image.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    const landmarks = (await (await fetch(`${base}/api/media/${body.photo.mediaId}/landmarks`)).json()) as {
      points: unknown[];
      imageWidth: number;
    };
    expect(landmarks.points.length).toBeGreaterThanOrEqual(468);
    expect(landmarks.imageWidth).toBeGreaterThan(0);
    // The face was found on the server's face thread: this thread, the server's event loop, never loaded a model.
    expect(humanLoadedHere()).toBe(false);
  });

  it("refuses what is not a usable photo with a clear 4xx, and keeps serving", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n");
    expect(await upload(pdf, "holiday.jpg")).toEqual({
      status: 400,
      body: { error: "the file is not an image (expected a PNG, JPEG or WebP photo)" },
    });
    const noFace = await sharp({
      create: { width: 400, height: 400, channels: 3, background: { r: 90, g: 160, b: 220 } },
    })
      .png()
      .toBuffer();
    const faceless = await upload(noFace, "sky.png");
    expect(faceless.status).toBe(400);
    expect(faceless.body.error).toMatch(/^no face found in the photo/);
    expect((await upload(new Uint8Array(0), "empty.jpg")).body.error).toBe("the photo file is empty");
    expect((await upload(pdf, "x.jpg", "image")).status).toBe(400);
    expect((await upload(pdf, "x.jpg", "photo", "ghost")).status).toBe(404);
    const notMultipart = await fetch(`${base}/api/twins/default/photo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(notMultipart.status).toBe(400);
    expect((await fetch(`${base}/api/media/not-an-id`)).status).toBe(400);
    expect((await fetch(`${base}/api/media/${"0".repeat(64)}`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("answers a 50 MB upload with 413 before reading it, and keeps serving", async () => {
    const { status, body } = await upload(new Uint8Array(50 * 1024 * 1024), "huge.jpg");
    expect(status).toBe(413);
    expect(body.error).toBe("the photo is larger than the 15 MB limit");
    // Without a Content-Length (a chunked stream) the multipart limit stops it instead.
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        const boundary = "----aitwin";
        const head = `--${boundary}\r\ncontent-disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n`;
        controller.enqueue(new TextEncoder().encode(head));
        for (let sent = 0; sent < 20; sent++) controller.enqueue(new Uint8Array(1024 * 1024));
        controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
        controller.close();
      },
    });
    const streamed = await fetch(`${base}/api/twins/default/photo`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=----aitwin" },
      body: chunked,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
