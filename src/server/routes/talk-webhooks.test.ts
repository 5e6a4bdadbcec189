import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ASTRONAUT_PHOTO } from "../../avatar/node/test-support/fixtures.js";
import { eventually } from "../../jobs/test-support/waiting.js";
import { webhookSecret } from "../../talks/webhook-signing.js";
import { type KeyedServer, startKeyedServer, TEST_KEY } from "../test-support/keyed-server.js";

interface Delivery {
  headers: IncomingHttpHeaders;
  raw: string;
  openedAt: number;
  closedAt?: number;
}

/**
 * A receiver on loopback. `answer` decides each delivery's status, or `hang` to never answer (a receiver that
 * accepted the connection and went silent).
 */
async function startReceiver(answer: (index: number) => number | "hang") {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((request, response) => {
    const delivery: Delivery = { headers: request.headers, raw: "", openedAt: Date.now() };
    const index = deliveries.push(delivery) - 1;
    request.on("data", (chunk: Buffer) => {
      delivery.raw += chunk.toString();
    });
    request.socket.on("close", () => {
      delivery.closedAt = Date.now();
    });
    request.on("end", () => {
      const status = answer(index);
      if (status !== "hang") response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("talk webhooks (issue 12, case 4)", () => {
  let keyed: KeyedServer;
  let base: string;
  const auth = { authorization: `Basic ${TEST_KEY}` };
  let imageUrl: string;

  const createTalk = async (webhook?: string) => {
    const response = await fetch(`${base}/talks`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        source_url: imageUrl,
        script: { type: "text", input: "Hi there." },
        config: { size: 128, fps: 10 },
        ...(webhook && { webhook }),
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const status = async (id: string) =>
    ((await (await fetch(`${base}/talks/${id}`, { headers: auth })).json()) as { status: string }).status;

  beforeAll(async () => {
    keyed = await startKeyedServer(
      { AITWIN_ALLOW_PRIVATE_URLS: "1" },
      { talks: { webhookRetry: { baseDelayMs: 50 } } },
    );
    base = `http://127.0.0.1:${keyed.port}`;
    const form = new FormData();
    form.append("image", new Blob([readFileSync(ASTRONAUT_PHOTO)], { type: "image/png" }), "face.png");
    const image = await fetch(`${base}/images`, { method: "POST", headers: auth, body: form });
    imageUrl = ((await image.json()) as { url: string }).url;
  });
  afterAll(async () => keyed?.close());

  it("signs every delivery as Standard Webhooks do, verified by an independent implementation", async () => {
    // The first attempt meets a 503: its retry carries the same webhook-id, so a receiver can tell a retry from news.
    const receiver = await startReceiver((index) => (index === 0 ? 503 : 204));
    try {
      const id = await createTalk(receiver.url);
      await eventually("the delivery", async () => receiver.deliveries.length >= 2);
      const [refused, delivered] = receiver.deliveries as [Delivery, Delivery];
      const verifier = new Webhook(await webhookSecret(keyed.dataDir));
      const headers = (delivery: Delivery) => ({
        "webhook-id": String(delivery.headers["webhook-id"]),
        "webhook-timestamp": String(delivery.headers["webhook-timestamp"]),
        "webhook-signature": String(delivery.headers["webhook-signature"]),
      });
      expect(verifier.verify(delivered.raw, headers(delivered))).toMatchObject({ id, status: "done" });
      expect(headers(refused)["webhook-id"]).toBe(headers(delivered)["webhook-id"]);

      // Altered in transit: another status, or another talk's id in the header.
      expect(() => verifier.verify(delivered.raw.replace('"done"', '"error"'), headers(delivered))).toThrow();
      expect(() =>
        verifier.verify(delivered.raw, { ...headers(delivered), "webhook-id": "webhook.tlk_other.done" }),
      ).toThrow();
      // Forged by someone without this install's secret.
      const forger = new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`);
      expect(() => forger.verify(delivered.raw, headers(delivered))).toThrow();
      // Replayed ten minutes later: the signed timestamp is too old.
      vi.useFakeTimers({ now: Date.now() + 10 * 60_000, toFake: ["Date"] });
      try {
        expect(() => verifier.verify(delivered.raw, headers(delivered))).toThrow(/timestamp/i);
      } finally {
        vi.useRealTimers();
      }
    } finally {
      await receiver.close();
    }
  });

  it("never holds a render behind a receiver that does not answer", async () => {
    const silent = await startReceiver(() => "hang");
    try {
      const first = await createTalk(silent.url);
      await eventually("the silent receiver's first delivery", async () => silent.deliveries.length >= 1);
      expect(await status(first)).toBe("done");
      const hanging = silent.deliveries[0] as Delivery;
      const second = await createTalk();
      await eventually("the second talk", async () => (await status(second)) === "done", 30_000);
      const talk = (await (await fetch(`${base}/talks/${second}`, { headers: auth })).json()) as {
        created_at: string;
        started_at: string;
      };
      // The render began at once (a delivery may take 5 s; before, a render waited up to 15 s behind one), while
      // the first talk's delivery was still waiting on the silent receiver.
      const started = Date.parse(talk.started_at);
      expect(started - Date.parse(talk.created_at)).toBeLessThan(3000);
      expect(started).toBeLessThan(hanging.closedAt ?? Number.POSITIVE_INFINITY);
    } finally {
      await silent.close();
    }
  });
});
