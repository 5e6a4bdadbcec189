import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KeyedServer, rawRequest, startKeyedServer, TEST_KEY } from "./test-support/keyed-server.js";
import { leaksIn } from "./test-support/leaks.js";

const bearer = { authorization: `Bearer ${TEST_KEY}` };
const multipart = (boundary: string, field: string, content: string | Buffer) =>
  Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="f"\r\n` +
        "Content-Type: application/octet-stream\r\n\r\n",
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
/** A WAV header that promises a format and never brings the samples: ffmpeg names its heap address in the error. */
const wavWithoutData = Buffer.concat([
  Buffer.from("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00", "latin1"),
  Buffer.from([0x80, 0x3e, 0, 0, 0, 0x7d, 0, 0, 2, 0, 16, 0]),
]);

/** Nothing about this machine in an answer: no absolute path, no memory address, no key. */
function expectNoLeak(body: string, dataDir: string) {
  expect(leaksIn(body, dataDir)).toEqual([]);
}

describe("bad requests get a clear 4xx in their family's shape (issue 12, cases 3, 6 and 7)", () => {
  let keyed: KeyedServer;
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer) =>
    rawRequest(keyed.port, method, path, { headers: { ...bearer, ...headers }, body });

  beforeAll(async () => {
    keyed = await startKeyedServer({}, { requestTimeoutMs: 1000 });
  });
  afterAll(async () => keyed?.close());

  it("answers malformed multipart with 400, never 500 (case 3)", async () => {
    const uploads = [
      { path: "/images", field: "image", did: true },
      { path: "/audios", field: "audio", did: true },
      { path: "/api/twins/default/photo", field: "photo", did: false },
    ];
    for (const { path, field, did } of uploads) {
      const bodies: [Record<string, string>, string | Buffer][] = [
        [{ "content-type": "multipart/form-data" }, "abc"],
        [{ "content-type": "multipart/form-data; boundary=x" }, "abc"],
        [
          { "content-type": "multipart/form-data; boundary=x" },
          multipart("x", field, "half").subarray(0, 70),
        ],
        [{ "content-type": "multipart/form-data; boundary=x" }, "--x\r\nno headers at all\r\n\r\n--x--\r\n"],
      ];
      for (const [headers, body] of bodies) {
        const answer = await send("POST", path, headers, body);
        expect(`${path} ${answer.status}`).toBe(`${path} 400`);
        const parsed = JSON.parse(answer.body);
        expect(Object.keys(parsed).sort()).toEqual(did ? ["description", "kind"] : ["error"]);
      }
    }
  });

  it("names neither the data folder nor ffmpeg's memory addresses (case 6)", async () => {
    const landmarks = await send("GET", `/api/media/${"a".repeat(64)}/landmarks`);
    expect(landmarks.status).toBe(404);
    expectNoLeak(landmarks.body, keyed.dataDir);

    const audio = await send(
      "POST",
      "/audios",
      { "content-type": "multipart/form-data; boundary=x" },
      multipart("x", "audio", wavWithoutData),
    );
    expect(audio.status).toBe(400);
    expect(JSON.parse(audio.body).kind).toBe("ValidationError");
    expectNoLeak(audio.body, keyed.dataDir);
  });

  it("answers over-long and badly encoded URLs in the documented shapes (case 7)", async () => {
    const long = "x".repeat(300);
    const didLong = await send("GET", `/talks/${long}`);
    expect(didLong.status).toBe(414);
    expect(JSON.parse(didLong.body)).toEqual({ kind: "ValidationError", description: "the URL is too long" });
    const apiLong = await send("GET", `/api/twins/${long}`);
    expect(apiLong.status).toBe(414);
    expect(JSON.parse(apiLong.body)).toEqual({ error: "the URL is too long" });
    const unknown = await send("GET", "/talks/x/y/z");
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).kind).toBe("NotFoundError");
    const badEncoding = await send("GET", "/talks/%E0%A4%A");
    expect(badEncoding.status).toBe(400);
    expect(JSON.parse(badEncoding.body).kind).toBe("ValidationError");
  });

  it("takes ids only in their pattern: no path can pass for a media id or a twin id (case 7)", async () => {
    const json = { "content-type": "application/json" };
    const traversal = await send(
      "PATCH",
      "/api/twins/default",
      json,
      JSON.stringify({ face: { kind: "photo", mediaId: "../../../etc/passwd" } }),
    );
    expect(traversal.status).toBe(400);
    expect(JSON.parse(traversal.body).error).toMatch(/^face.mediaId: not a media id/);
    for (const path of [
      "/api/twins/..%2F..%2Fetc",
      "/api/twins/a.b",
      "/api/conversations/%20x",
      "/talks/a.b",
    ]) {
      const answer = await send("GET", path);
      expect(`${path} ${answer.status}`).toBe(`${path} 400`);
    }
  });

  it("cuts off a request whose body stops arriving (case 7)", async () => {
    const socket = connect(keyed.port, "127.0.0.1");
    const started = Date.now();
    const closed = new Promise<string>((resolve) => {
      let answer = "";
      socket.on("data", (chunk) => {
        answer += chunk.toString();
      });
      socket.on("close", () => resolve(answer));
    });
    socket.write(
      "POST /api/twins HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n" +
        `authorization: Bearer ${TEST_KEY}\r\n\r\n{"name":`,
    );
    const answer = await closed;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(answer === "" || answer.startsWith("HTTP/1.1 408")).toBe(true);
  });
});
