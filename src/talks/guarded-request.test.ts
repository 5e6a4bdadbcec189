import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress } from "./address-policy.js";
import { DEFAULT_URL_POLICY, guardedRequest, UrlRefusedError } from "./guarded-request.js";

describe("the SSRF guard", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === "/to-other-loopback") {
        response.writeHead(302, { location: `http://127.0.0.2:${port}/` }).end();
      } else if (request.url === "/to-self") {
        response.writeHead(302, { location: "/image" }).end();
      } else if (request.url === "/huge") {
        response.end(Buffer.alloc(4096));
      } else {
        response.end("fine");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  // Only 127.0.0.1 is let through, as a stand-in for a public host; every other private address stays refused.
  const policy = { ...DEFAULT_URL_POLICY, allowedAddresses: ["127.0.0.1"] };

  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.20.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "fe80::1",
    "fd00:ec2::254",
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700::1111"])("allows the public address %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it("refuses loopback, private and metadata URLs before connecting, and names resolving to them", async () => {
    for (const url of [
      `http://127.0.0.1:${port}/`,
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]/",
      `http://localhost:${port}/`,
    ]) {
      await expect(guardedRequest(url, DEFAULT_URL_POLICY)).rejects.toBeInstanceOf(UrlRefusedError);
    }
    await expect(guardedRequest("file:///etc/passwd", DEFAULT_URL_POLICY)).rejects.toBeInstanceOf(
      UrlRefusedError,
    );
  });

  it("checks every redirect again", async () => {
    const fine = await guardedRequest(`http://127.0.0.1:${port}/to-self`, policy);
    expect(fine.body.toString()).toBe("fine");
    await expect(guardedRequest(`http://127.0.0.1:${port}/to-other-loopback`, policy)).rejects.toThrow(
      /127\.0\.0\.2 is a private, loopback or link-local address/,
    );
  });

  it("caps the size of what it reads", async () => {
    await expect(
      guardedRequest(`http://127.0.0.1:${port}/huge`, { ...policy, maxBytes: 1000 }),
    ).rejects.toThrow(/more than 1000 bytes/);
  });
});
