import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeWav } from "../voice/wav.js";
import { readEvents, type SseEvent } from "./test-support/sse-client.js";
import { startTestServer, type TestServer } from "./test-support/test-server.js";

describe("the HTTP server", () => {
  let site: TestServer;
  let base: string;

  beforeAll(async () => {
    site = await startTestServer({ listen: true });
    base = site.base as string;
  });
  afterAll(() => site?.close());

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  it("answers health checks", async () => {
    expect(await api("GET", "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
  });

  it("manages twins and their memories, with clear 4xx for bad input", async () => {
    const created = await api("POST", "/api/twins", { name: "Ada", persona: { facts: ["I sail."] } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(
      (await api("PATCH", `/api/twins/${id}`, { persona: { style: "dry" } })).body.persona,
    ).toMatchObject({
      style: "dry",
      facts: ["I sail."],
    });
    expect((await api("POST", `/api/twins/${id}/memories`, { text: "you love jazz" })).body.text).toBe(
      "I love jazz.",
    );
    expect((await api("GET", `/api/twins/${id}/memories`)).body.memories).toHaveLength(1);
    expect(await api("POST", "/api/twins", { name: "" })).toMatchObject({
      status: 400,
      body: { error: "name: must not be empty" },
    });
    expect((await api("POST", "/api/twins", { name: "X", extra: 1 })).status).toBe(400);
    expect(await api("GET", "/api/twins/ghost")).toMatchObject({
      status: 404,
      body: { error: 'no twin with id "ghost"' },
    });
    expect((await api("PATCH", `/api/twins/${id}`, { voice: { rate: 9 } })).status).toBe(400);
    expect(
      (await api("PATCH", `/api/twins/${id}`, { face: { kind: "illustrated", look: "meadow" } })).body.face,
    ).toEqual({
      kind: "illustrated",
      look: "meadow",
    });
    expect(
      (await api("PATCH", `/api/twins/${id}`, { face: { kind: "illustrated", look: "plaid" } })).body.error,
    ).toBe("face.look: must be one of sunny, midnight, meadow");
    expect((await api("GET", "/api/nothing")).status).toBe(404);
  });

  it("streams a reply over server-sent events: text, sentences, visemes and audio", async () => {
    const conversation = (await api("POST", "/api/twins/default/conversations")).body;
    const url = `${base}/api/conversations/${conversation.id}/events`;
    const events = await readEvents(url, (event) => event.event === "turn-end", {
      onOpen: async () => {
        expect(
          (await api("POST", `/api/conversations/${conversation.id}/turns`, { text: "Who are you?" })).status,
        ).toBe(202);
      },
    });
    const names = events.map((event) => event.event);
    expect(names).toContain("text-delta");
    expect(names.indexOf("sentence-complete")).toBeLessThan(names.indexOf("audio-chunk"));
    const audio = events.find((event) => event.event === "audio-chunk")?.data as { wav: string };
    const clip = decodeWav(Buffer.from(audio.wav, "base64"));
    expect(clip.samples.length / clip.sampleRate).toBeGreaterThan(0.3);
    const visemes = events.find((event) => event.event === "visemes-ready")?.data as {
      timeline: { visemes: unknown[] };
    };
    expect(visemes.timeline.visemes.length).toBeGreaterThan(3);
    const states = events
      .filter((event) => event.event === "state")
      .map((event) => (event.data as { state: string }).state);
    expect(states).toEqual(["thinking", "speaking", "idle"]);
    const stored = (await api("GET", `/api/conversations/${conversation.id}`)).body;
    expect(stored.turns.map((turn: { role: string }) => turn.role)).toEqual(["user", "twin"]);
    expect(stored.turns[1].text).toMatch(/^I'm Sam\./);

    // The browser was still playing the reply when the user cut in: the reply is marked as not fully heard.
    expect((await api("POST", `/api/conversations/${conversation.id}/interrupt`)).status).toBe(204);
    const afterBargeIn = (await api("GET", `/api/conversations/${conversation.id}`)).body;
    expect(afterBargeIn.turns[1].status).toBe("interrupted");
    expect((await api("POST", "/api/conversations/conv_nope/interrupt")).status).toBe(404);

    // A browser that reconnects after event 2 gets everything after it, in order.
    const resumed: SseEvent[] = await readEvents(url, (event) => event.event === "turn-end", {
      headers: { "last-event-id": events[1]?.id ?? "" },
    });
    expect(resumed.map((event) => event.id)).toEqual(events.slice(2).map((event) => event.id));
  });

  it("refuses empty and over-long messages and unknown conversations", async () => {
    const conversation = (await api("POST", "/api/twins/default/conversations")).body;
    const turns = `/api/conversations/${conversation.id}/turns`;
    expect(await api("POST", turns, { text: "  " })).toMatchObject({
      status: 400,
      body: { error: "text: the message is empty" },
    });
    expect((await api("POST", turns, { text: "x".repeat(5000) })).status).toBe(400);
    expect((await api("POST", "/api/conversations/conv_nope/turns", { text: "hi" })).status).toBe(404);
    const big = await fetch(`${base}${turns}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "x".repeat(300_000) }),
    });
    expect(big.status).toBe(413);
    expect((await api("GET", "/healthz")).status).toBe(200);
  });
});

describe("request logging", () => {
  it("never writes keys or webhook tokens from query strings", async () => {
    let logged = "";
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    const site = await startTestServer({ env: { AITWIN_API_KEY: "s3cret-key" }, logger: true, logStream });
    const { server } = site;
    try {
      await server.inject({
        url: "/api/twins?key=s3cret-key",
        headers: { authorization: "Bearer s3cret-key" },
      });
      await server.inject({ method: "POST", url: "/webhooks/d-id/abc?token=t0ken-value&x=1", payload: {} });
      // Issue 12, case 6: the name percent-encoded still authenticates an event stream, so it is redacted too.
      await server.inject({ url: "/api/conversations/nosuch/events?%6Bey=s3cret-key&%61pi_key=s3cret-key" });
      expect(logged).toContain("/api/twins?key=[redacted]");
      expect(logged).toContain("token=[redacted]&x=1");
      expect(logged).toContain("?%6Bey=[redacted]&%61pi_key=[redacted]");
      expect(logged).not.toContain("s3cret-key");
      expect(logged).not.toContain("t0ken-value");
    } finally {
      await site.close();
    }
  });
});

describe("the HTTP server with an API key", () => {
  it("lets nothing but health and the page through without the key", async () => {
    const site = await startTestServer({ env: { AITWIN_API_KEY: "s3cret-key" } });
    const { server } = site;
    try {
      expect((await server.inject({ url: "/healthz" })).statusCode).toBe(200);
      const refused = await server.inject({ url: "/api/twins" });
      expect(refused.statusCode).toBe(401);
      expect(refused.body).not.toContain("s3cret-key");
      expect(
        (await server.inject({ url: "/api/twins", headers: { authorization: "Bearer wrong" } })).statusCode,
      ).toBe(401);
      expect(
        (await server.inject({ url: "/api/twins", headers: { authorization: "Bearer s3cret-key" } }))
          .statusCode,
      ).toBe(200);
      const basic = Buffer.from("s3cret-key:").toString("base64");
      expect(
        (await server.inject({ url: "/api/twins", headers: { authorization: `Basic ${basic}` } })).statusCode,
      ).toBe(200);
    } finally {
      await site.close();
    }
  });
});
