import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChecksumMismatchError, downloadFile } from "./downloader.js";

const body = Buffer.from(Array.from({ length: 200_000 }, (_, index) => (index * 7) % 251));
const digest = createHash("sha256").update(body).digest("hex");

/** A file server on loopback that honours Range like Hugging Face's CDN does, and records what it was asked. */
let server: Server;
let base: string;
const requests: { path: string; range: string | undefined }[] = [];
let honourRange = true;
beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push({ path: request.url ?? "", range: request.headers.range });
    if (request.url === "/missing") return void response.writeHead(404).end();
    const match = /^bytes=(\d+)-$/.exec(request.headers.range ?? "");
    if (match && honourRange) {
      const start = Number(match[1]);
      if (start >= body.length) return void response.writeHead(416).end();
      response.writeHead(206, {
        "content-length": body.length - start,
        "content-range": `bytes ${start}-${body.length - 1}/${body.length}`,
      });
      return void response.end(body.subarray(start));
    }
    response.writeHead(200, { "content-length": body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests.length = 0;
  honourRange = true;
});

const target = () => join(mkdtempSync(join(tmpdir(), "aitwin-download-")), "models", "model.bin");

describe("downloadFile", () => {
  it("downloads, verifies and moves the file into place, reporting progress", async () => {
    const destination = target();
    const progress: number[] = [];
    const result = await downloadFile({
      url: `${base}/model.bin`,
      destination,
      sha256: digest,
      onProgress: (received, total) => {
        expect(total).toBe(body.length);
        progress.push(received);
      },
    });
    expect(result).toMatchObject({ path: destination, bytes: body.length, sha256: digest, resumedFrom: 0 });
    expect(readFileSync(destination).equals(body)).toBe(true);
    expect(existsSync(`${destination}.partial`)).toBe(false);
    expect(progress.at(-1)).toBe(body.length);
    expect(requests).toEqual([{ path: "/model.bin", range: undefined }]);
  });

  it("resumes an interrupted download with a Range request", async () => {
    const destination = target();
    await downloadFile({ url: `${base}/model.bin`, destination: `${destination}.seed`, sha256: digest });
    writeFileSync(`${destination}.partial`, body.subarray(0, 123_456));
    requests.length = 0;
    const result = await downloadFile({ url: `${base}/model.bin`, destination, sha256: digest });
    expect(requests).toEqual([{ path: "/model.bin", range: "bytes=123456-" }]);
    expect(result.resumedFrom).toBe(123_456);
    expect(readFileSync(destination).equals(body)).toBe(true);
  });

  it("starts over when the server ignores the Range header", async () => {
    const destination = target();
    await downloadFile({ url: `${base}/model.bin`, destination: `${destination}.seed`, sha256: digest });
    writeFileSync(`${destination}.partial`, body.subarray(0, 1000));
    honourRange = false;
    const result = await downloadFile({ url: `${base}/model.bin`, destination, sha256: digest });
    expect(result.resumedFrom).toBe(0);
    expect(readFileSync(destination).equals(body)).toBe(true);
  });

  it("refuses bytes that do not match the checksum and keeps nothing", async () => {
    const destination = target();
    const wrong = "0".repeat(64);
    const error = await downloadFile({ url: `${base}/model.bin`, destination, sha256: wrong }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error.message).toContain(`expected sha256 ${wrong}, got ${digest}`);
    expect(existsSync(destination)).toBe(false);
    expect(existsSync(`${destination}.partial`)).toBe(false);
  });

  it("reports an HTTP error with its status", async () => {
    await expect(downloadFile({ url: `${base}/missing`, destination: target() })).rejects.toThrow(/HTTP 404/);
  });
});
