import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { RenderRequest } from "../../../core/avatar-renderer.js";
import { CancelledError } from "../../../core/errors.js";

export const DID_KEY = "ZmFrZUBleGFtcGxlLmNvbQ:SECRET-did-key-123456";
export const PHOTO_ID = "a".repeat(64);
export const PHOTO = readFileSync(
  join(import.meta.dirname, "../../../../../shared/fixtures/faces/astronaut.png"),
);

export function renderRequest(overrides: Partial<RenderRequest> = {}): RenderRequest {
  return {
    face: { kind: "photo", mediaId: PHOTO_ID },
    text: "Hello, I am your twin.",
    audio: { sampleRate: 16_000, samples: new Int16Array(16) },
    timeline: { duration: 1000, words: [], visemes: [] },
    size: 256,
    fps: 25,
    ...overrides,
  };
}

/** Pauses that never end by themselves: only a webhook (or cancelling) moves the renderer on. */
export const endlessPause = (_ms: number, signal?: AbortSignal) =>
  new Promise<void>((_, reject) => signal?.addEventListener("abort", () => reject(new CancelledError())));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
