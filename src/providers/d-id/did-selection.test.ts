import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseConfig } from "../../config.js";
import { closeServer } from "../openai/test-support/fake-openai.js";
import { selectRenderer } from "../select.js";
import { didCandidate } from "./did-candidate.js";
import { DidWebhooks } from "./did-webhooks.js";
import { DID_KEY, PHOTO, PHOTO_ID, renderRequest } from "./test-support/did-test-fixtures.js";
import { startFakeDid } from "./test-support/fake-did.js";
import { webhookRequestHandler } from "./webhook-listener.js";

describe("D-ID chosen through selectRenderer", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("waits for its talks in the registry it is given, served by its owner, not on a listener of its own", async () => {
    const fake = await startFakeDid({ apiKey: DID_KEY, lifecycle: "manual" });
    cleanups.push(() => fake.close());
    const dataDir = mkdtempSync(join(tmpdir(), "aitwin-did-select-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // The owner's registry, mounted on the owner's server, as `aitwin serve` mounts its route.
    const webhooks = new DidWebhooks();
    webhooks.mounted = true;
    const owner = createServer(webhookRequestHandler(webhooks));
    await new Promise<void>((resolve) => owner.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => closeServer(owner));
    const publicUrl = `http://127.0.0.1:${(owner.address() as AddressInfo).port}`;
    const config = parseConfig({
      AITWIN_DATA_DIR: dataDir,
      DID_API_KEY: DID_KEY,
      DID_BASE_URL: fake.baseURL,
      PUBLIC_URL: publicUrl,
    });
    mkdirSync(config.mediaDir, { recursive: true });
    writeFileSync(join(config.mediaDir, `${PHOTO_ID}.jpg`), PHOTO);

    const renderer = await selectRenderer({ kind: "photo", mediaId: PHOTO_ID }, config, [didCandidate], {
      didWebhooks: webhooks,
    });
    if (!renderer) throw new Error("D-ID was not chosen");
    const rendering = renderer.render(renderRequest(), join(dataDir, "talk.mp4"));
    const talk = await vi.waitFor(() => {
      const [created] = [...fake.talks.values()];
      if (!created) throw new Error("no talk yet");
      return created;
    });
    expect(new URL(talk.webhook ?? "").origin).toBe(publicUrl);
    await fake.advance(talk.id);
    await fake.advance(talk.id); // done: the fake calls the webhook on the owner's server
    expect(fake.deliveries.at(-1)).toMatchObject({ status: 200, answer: { status: "done" } });
    // Polling starts after 10 s: a talk finished before that was finished by the registry it was given.
    expect((await rendering).width).toBe(512);
  });
});
