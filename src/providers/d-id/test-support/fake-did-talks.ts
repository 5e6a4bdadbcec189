import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { FakeDidOptions, FakeTalk, ReceivedDidRequest } from "./fake-did.js";

const VOICE_PROVIDERS = ["microsoft", "elevenlabs", "amazon", "afflorithmics"];

interface RouteContext {
  received: ReceivedDidRequest;
  response: ServerResponse;
  talks: Map<string, FakeTalk>;
  images: Map<string, Uint8Array>;
  settings: Required<FakeDidOptions>;
  advance(id: string): Promise<void>;
  baseURL: string;
  reply(response: ServerResponse, status: number, body: unknown): void;
}

const id = (prefix: string) => `${prefix}_${randomBytes(9).toString("base64url")}`;

/** D-ID's authenticated routes, with its request checks and `{"kind","description"}` errors. */
export async function routeTalks(context: RouteContext): Promise<void> {
  const { received, response, talks, images, reply } = context;
  const invalid = (description: string) => reply(response, 400, { kind: "ValidationError", description });
  const talkId = /^\/talks\/([^/]+)$/.exec(received.path)?.[1];
  if (received.method === "POST" && received.path === "/images") {
    const image = received.form?.get("image");
    if (!(image instanceof Blob)) return invalid('"image" is required');
    const imageId = id("img");
    images.set(imageId, new Uint8Array(await image.arrayBuffer()));
    return reply(response, 201, {
      id: imageId,
      url: `s3://d-id-images-prod/fake-user/${imageId}/image.jpeg`,
    });
  }
  if (received.method === "POST" && received.path === "/talks") {
    const body = (received.json ?? {}) as Partial<FakeTalk>;
    if (typeof body.source_url !== "string") return invalid('"source_url" is required');
    const uploaded = /^s3:\/\/d-id-images-prod\/fake-user\/([^/]+)\//.exec(body.source_url)?.[1];
    if (body.source_url.startsWith("s3://") && !images.has(uploaded ?? ""))
      return invalid("source_url: image not found");
    const script = body.script;
    if (script?.type !== "text" || typeof script.input !== "string" || script.input.length < 3) {
      return invalid('"script.input" length must be at least 3 characters long');
    }
    if (script.provider && !VOICE_PROVIDERS.includes(script.provider.type))
      return invalid('"script.provider.type" is invalid');
    if (body.webhook !== undefined && !URL.canParse(body.webhook))
      return invalid('"webhook" must be a valid uri');
    const talk: FakeTalk = {
      ...body,
      id: id("tlk"),
      object: "talk",
      created_at: new Date().toISOString(),
      status: "created",
      source_url: body.source_url,
      script,
    };
    talks.set(talk.id, talk);
    return reply(response, 201, {
      id: talk.id,
      object: "talk",
      created_at: talk.created_at,
      created_by: "fake-user",
      status: "created",
    });
  }
  if (received.method === "GET" && talkId) {
    const talk = talks.get(talkId);
    if (!talk) return reply(response, 404, { kind: "NotFoundError", description: "not found" });
    if (context.settings.lifecycle === "on-poll") await context.advance(talkId);
    return reply(response, 200, talk);
  }
  if (received.method === "DELETE" && talkId) {
    if (!talks.delete(talkId))
      return reply(response, 404, { kind: "NotFoundError", description: "not found" });
    return reply(response, 200, { deleted: 1 });
  }
  if (received.method === "GET" && received.path === "/talks")
    return reply(response, 200, { talks: [...talks.values()] });
  if (received.method === "GET" && received.path === "/credits") {
    return reply(response, 200, {
      credits: [{ owner_id: "fake-user", remaining: 17, total: 20 }],
      remaining: 17,
      total: 20,
    });
  }
  reply(response, 404, {
    kind: "NotFoundError",
    description: `${received.method} ${received.path} not found`,
  });
}
