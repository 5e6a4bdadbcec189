import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, openApp } from "../../app/app.js";
import { ASTRONAUT_PHOTO } from "../../avatar/node/test-support/fixtures.js";
import { parseConfig } from "../../config.js";
import { eventually } from "../../jobs/test-support/waiting.js";
import { probe } from "../../providers/local-avatar/test-support/mp4-inspection.js";
import { startWebhookListener } from "../../talks/test-support/webhook-listener.js";
import { buildServer } from "../app-server.js";
import { readEvents } from "../test-support/sse-client.js";

const KEY = "did-style-key";

/** Acts as a D-ID client would: only base URL and key differ from talking to D-ID. */
describe("the D-ID-compatible talks API", () => {
  let dataDir: string;
  let app: App;
  let server: FastifyInstance;
  let base: string;
  let webhooks: Awaited<ReturnType<typeof startWebhookListener>>;
  const auth = { authorization: `Basic ${Buffer.from(`${KEY}:`).toString("base64")}` };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "aitwin-talks-"));
    app = await openApp(
      parseConfig({ AITWIN_DATA_DIR: dataDir, AITWIN_API_KEY: KEY, AITWIN_ALLOW_PRIVATE_URLS: "1" }),
    );
    server = await buildServer(app);
    await server.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    webhooks = await startWebhookListener({ failFirst: 1 });
  });
  afterAll(async () => {
    await server.close();
    await app.close();
    await webhooks.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = auth,
  ) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(body !== undefined && { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const upload = async (bytes: Uint8Array) => {
    const form = new FormData();
    form.append("image", new Blob([bytes], { type: "image/png" }), "face.png");
    const response = await fetch(`${base}/images`, { method: "POST", headers: auth, body: form });
    return { status: response.status, body: (await response.json()) as { url: string } };
  };
  const tiny = { size: 128, fps: 10 };

  it("renders a talk: image upload, webhook with the result, MP4 download with Range, same object from GET", async () => {
    const image = await upload(readFileSync(ASTRONAUT_PHOTO));
    expect(image.status).toBe(201);
    expect(image.body.url).toMatch(new RegExp(`^${base}/images/[0-9a-f]{64}\\.jpg$`));
    const created = await call("POST", "/talks", {
      source_url: image.body.url,
      script: { type: "text", input: "Hello, I am your twin." },
      webhook: webhooks.url,
      user_data: "order-42",
      config: tiny,
    });
    expect(created).toMatchObject({ status: 201, body: { object: "talk", status: "created" } });
    const id = created.body.id as string;

    // The first delivery meets a 503 and is retried with backoff.
    const hook = await eventually("the webhook", async () =>
      webhooks.received.find((each) => each.body.id === id),
    );
    expect(hook.body).toMatchObject({ id, status: "done", user_data: "order-42", object: "talk" });
    const resultUrl = hook.body.result_url as string;
    expect(resultUrl).toMatch(new RegExp(`^${base}/talks/${id}/result/[0-9a-f]{32}\\.mp4$`));
    expect(await call("GET", `/talks/${id}`)).toEqual({ status: 200, body: hook.body });

    const video = await fetch(resultUrl);
    expect(video.headers.get("content-type")).toBe("video/mp4");
    const bytes = Buffer.from(await video.arrayBuffer());
    const path = join(dataDir, "downloaded.mp4");
    writeFileSync(path, bytes);
    const { streams } = await probe(path);
    expect(streams.map((stream) => stream.codec_name).sort()).toEqual(["aac", "h264"]);
    expect(streams.find((stream) => stream.codec_type === "video")).toMatchObject({
      width: 128,
      height: 128,
    });
    expect(Number(hook.body.duration)).toBeGreaterThan(0.5);

    const part = await fetch(resultUrl, { headers: { range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
    expect((await fetch(resultUrl, { headers: { range: `bytes=${bytes.length}-` } })).status).toBe(416);
    expect((await fetch(resultUrl.replace(/[0-9a-f]{32}\.mp4$/, `${"0".repeat(32)}.mp4`))).status).toBe(404);

    const listed = await call("GET", "/talks");
    expect(listed.body.talks.map((talk: { id: string }) => talk.id)).toContain(id);
    expect(await call("DELETE", `/talks/${id}`)).toEqual({ status: 200, body: { deleted: 1 } });
    expect((await call("GET", `/talks/${id}`)).status).toBe(404);
    expect((await fetch(resultUrl)).status).toBe(404);
  });

  it("speaks the original client's talk (microsoft, en-US-JennyNeural) with the closest local voice: webhook, GET, download", async () => {
    const image = await upload(readFileSync(ASTRONAUT_PHOTO));
    const provider = {
      type: "microsoft",
      voice_id: "en-US-JennyNeural",
      voice_config: { style: "Cheerful" },
    };
    const created = await call("POST", "/talks", {
      source_url: image.body.url,
      script: { type: "text", input: "Hello, I am your twin.", provider },
      webhook: webhooks.url,
      config: tiny,
    });
    expect(created).toMatchObject({ status: 201, body: { object: "talk", status: "created" } });
    const id = created.body.id as string;
    const hook = await eventually("the webhook", async () =>
      webhooks.received.find((each) => each.body.id === id),
    );
    expect(hook.body).toMatchObject({
      status: "done",
      script: { type: "text", provider },
      // Cheerful is carried over as a little higher and quicker.
      voice: {
        requested: { type: "microsoft", voice_id: "en-US-JennyNeural" },
        spoke: "flite:slt,pitch=184,spread=11,stretch=1.00",
        rate: 1.08,
      },
    });
    expect(await call("GET", `/talks/${id}`)).toEqual({ status: 200, body: hook.body });
    const video = await fetch(hook.body.result_url as string);
    expect(video.headers.get("content-type")).toBe("video/mp4");
    const path = join(dataDir, "jenny.mp4");
    writeFileSync(path, Buffer.from(await video.arrayBuffer()));
    const { streams } = await probe(path);
    expect(streams.map((stream) => stream.codec_name).sort()).toEqual(["aac", "h264"]);
  });

  it("takes every D-ID provider type, each voice spoken by the closest local one (no cloud key needed)", async () => {
    const image = await upload(readFileSync(ASTRONAUT_PHOTO));
    const cases: [Record<string, unknown>, string][] = [
      [{ type: "microsoft", voice_id: "en-US-GuyNeural" }, "flite:rms"],
      [{ type: "microsoft", voice_id: "en-GB-RyanNeural" }, "flite:awb"],
      [{ type: "microsoft", voice_id: "en-GB-SoniaNeural" }, "flite:slt"],
      [{ type: "amazon", voice_id: "Matthew" }, "flite:rms"],
      [{ type: "amazon", voice_id: "Joanna" }, "flite:slt"],
      [{ type: "elevenlabs", voice_id: "TxGEqnHWrfWFTfGW9XjX" }, "flite:rms"],
      [{ type: "elevenlabs", voice_id: "someonesOwnClonedVoice" }, "flite:slt"],
      [{ type: "google", voice_id: "en-GB-Wavenet-B" }, "flite:awb"],
      [{ type: "afflorithmics", voice_id: "joanna" }, "flite:slt"],
      [{ type: "aitwin", voice_id: "kal16" }, "flite:kal16"],
    ];
    const ids: string[] = [];
    for (const [provider, spoke] of cases) {
      const created = await call("POST", "/talks", {
        source_url: image.body.url,
        script: { type: "text", input: "Hi there.", provider },
        config: tiny,
      });
      expect(created.status, JSON.stringify(provider)).toBe(201);
      const talk = (await call("GET", `/talks/${created.body.id}`)).body;
      expect(talk.voice, JSON.stringify(provider)).toEqual({
        requested: { type: provider.type, voice_id: provider.voice_id },
        spoke,
      });
      ids.push(created.body.id as string);
    }
    // The ElevenLabs voice, with no ElevenLabs key here, renders locally to the end; the others need not render.
    const eleven = ids[5] as string;
    for (const id of ids) if (id !== eleven) expect((await call("DELETE", `/talks/${id}`)).status).toBe(200);
    await eventually("the ElevenLabs talk done", async () => {
      const talk = (await call("GET", `/talks/${eleven}`)).body;
      expect(talk.status).not.toBe("error");
      return talk.status === "done";
    });
  });

  it("carries voice_config.rate over to the local voice: x-slow speaks the same words for longer", async () => {
    const image = await upload(readFileSync(ASTRONAUT_PHOTO));
    const talk = async (voice_config?: Record<string, unknown>) => {
      const provider = {
        type: "microsoft",
        voice_id: "en-US-DavisNeural",
        ...(voice_config && { voice_config }),
      };
      const created = await call("POST", "/talks", {
        source_url: image.body.url,
        script: { type: "text", input: "Good morning, how are you today?", provider },
        config: tiny,
      });
      return eventually("the talk done", async () => {
        const { body } = await call("GET", `/talks/${created.body.id}`);
        return body.status === "done" ? body : undefined;
      });
    };
    const normal = await talk();
    const slow = await talk({ rate: "x-slow", pitch: "+2st" });
    expect(normal.voice).toMatchObject({ spoke: "flite:rms" });
    expect(slow.voice).toMatchObject({ spoke: "flite:rms", rate: 0.5 });
    expect(Number(slow.duration) / Number(normal.duration)).toBeGreaterThan(1.5);
  });

  it("rejects a talk whose image has no face, with a description, and says so by webhook", async () => {
    const blank = await sharp({ create: { width: 200, height: 200, channels: 3, background: "#7aa" } })
      .png()
      .toBuffer();
    const image = await upload(blank);
    const created = await call("POST", "/talks", {
      source_url: image.body.url,
      script: { type: "text", input: "Nobody home." },
      webhook: webhooks.url,
      config: tiny,
    });
    const id = created.body.id as string;
    const hook = await eventually("the webhook", async () =>
      webhooks.received.find((each) => each.body.id === id),
    );
    expect(hook.body).toMatchObject({ status: "rejected", error: { kind: "FaceError" } });
    expect((hook.body.error as { description: string }).description).toMatch(/no face/);
    expect((await call("GET", `/talks/${id}`)).body).toEqual(hook.body);
  });

  it("answers as D-ID does to bad auth, invalid scripts, unknown ids and bad uploads", async () => {
    const body = {
      source_url: `${base}/images/${"a".repeat(64)}.jpg`,
      script: { type: "text", input: "Hi there." },
    };
    const wrongKeys: Record<string, string>[] = [
      {},
      { authorization: "Basic d3Jvbmc6" },
      { authorization: "Bearer wrong" },
    ];
    for (const headers of wrongKeys) {
      expect(await call("POST", "/talks", body, headers)).toEqual({
        status: 401,
        body: { kind: "AuthorizationError", description: expect.any(String) },
      });
    }
    expect((await call("GET", "/talks", undefined, { authorization: `Bearer ${KEY}` })).status).toBe(200);
    const invalid = async (request: unknown) => (await call("POST", "/talks", request)).body;
    for (const request of [
      { ...body, script: { type: "text", input: "" } },
      { ...body, script: { type: "poem", input: "Hi there." } },
      {
        ...body,
        script: {
          type: "text",
          input: "Hi there.",
          provider: { type: "nobody", voice_id: "en-US-JennyNeural" },
        },
      },
      {
        ...body,
        script: { type: "text", input: "Hi there.", provider: { type: "aitwin", voice_id: "nobody" } },
      },
      {
        ...body,
        script: {
          type: "text",
          input: "Hi there.",
          provider: { type: "microsoft", voice_id: "en-US-JennyNeural", voice_config: { rate: "zippy" } },
        },
      },
      { script: body.script },
      { ...body, webhook: "not a url" },
    ]) {
      expect(await invalid(request)).toEqual({ kind: "ValidationError", description: expect.any(String) });
    }
    expect((await invalid(body)).description).toMatch(/image not found/);
    expect(await call("GET", "/talks/tlk_missing")).toEqual({
      status: 404,
      body: { kind: "NotFoundError", description: expect.stringContaining("tlk_missing") },
    });
    expect((await call("DELETE", "/talks/tlk_missing")).status).toBe(404);
    const notAnImage = await upload(new TextEncoder().encode("hello"));
    expect(notAnImage).toEqual({
      status: 400,
      body: { kind: "ValidationError", description: expect.any(String) },
    });
  });

  it("pushes a talk's status and render progress to the page by SSE, ending at done", async () => {
    const image = await upload(readFileSync(ASTRONAUT_PHOTO));
    const body = {
      source_url: image.body.url,
      script: { type: "text", input: "Watch me render." },
      config: tiny,
    };
    const { id } = (await call("POST", "/talks", body)).body as { id: string };
    const events = await readEvents(
      `${base}/api/talks/${id}/events`,
      (event) => (event.data as { status: string }).status === "done",
      {
        headers: auth,
      },
    );
    const statuses = events.map((event) => (event.data as { status: string }).status);
    expect(statuses.at(-1)).toBe("done");
    expect(events.every((event) => event.event === "talk" && (event.data as { id: string }).id === id)).toBe(
      true,
    );
    const last = events.at(-1);
    expect((last?.data as { result_url?: string } | undefined)?.result_url).toMatch(/\.mp4$/);
    expect((await fetch(`${base}/api/talks/tlk_missing/events`, { headers: auth })).status).toBe(404);
  });

  it("leaves no video behind when a talk is deleted while it renders", async () => {
    const image = await upload(readFileSync(ASTRONAUT_PHOTO));
    const body = {
      source_url: image.body.url,
      script: {
        type: "text",
        input: "This talk is deleted while its video is being made, sentence after sentence.",
      },
      config: { size: 256, fps: 25 },
    };
    const { id } = (await call("POST", "/talks", body)).body as { id: string };
    await eventually(
      "the render to start",
      async () => (await call("GET", `/talks/${id}`)).body?.status === "started",
    );
    expect((await call("DELETE", `/talks/${id}`)).status).toBe(200);
    await eventually("the render job to end", async () => {
      const job = await app.store.jobs.get(`render.${id}`);
      return job !== undefined && job.state !== "queued" && job.state !== "running";
    });
    const results = join(app.config.mediaDir, "talks");
    expect(readdirSync(results).filter((name) => name.startsWith(id))).toEqual([]);
  });

  it("honours Idempotency-Key: a replay returns the same talk, another body with the key is a conflict", async () => {
    const image = await upload(readFileSync(ASTRONAUT_PHOTO));
    const body = { source_url: image.body.url, script: { type: "text", input: "Once only." }, config: tiny };
    const headers = { ...auth, "idempotency-key": "create-once-1" };
    const first = await call("POST", "/talks", body, headers);
    const replay = await call("POST", "/talks", body, headers);
    expect(first.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    const other = await call(
      "POST",
      "/talks",
      { ...body, script: { type: "text", input: "Something else." } },
      headers,
    );
    expect(other).toEqual({ status: 409, body: { kind: "ConflictError", description: expect.any(String) } });
    await eventually(
      "the talk done",
      async () => (await call("GET", `/talks/${first.body.id}`)).body.status === "done",
    );
  });
});
