import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import type { TalkSpec } from "../talk-records.js";

const spec: TalkSpec = {
  source: { kind: "media", face: { kind: "illustrated", look: "classic" } },
  script: { type: "text", input: "Hello there." },
  webhook: "http://127.0.0.1:9/hook",
  userData: "order-7",
  config: { size: 128, fps: 10 },
  baseUrl: "http://127.0.0.1:8080",
  requestHash: "abc",
};

/** The talks table on any database: the status machine the workers rely on and idempotent creation. */
export function talkRepositoryTests(name: string, open: () => Promise<Store>): void {
  describe(`talks on ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("creates a talk once per idempotency key and keeps the request as given", async () => {
      const first = await store.talks.create({ sourceUrl: "s", spec, idempotencyKey: "k1" });
      const again = await store.talks.create({ sourceUrl: "s", spec, idempotencyKey: "k1" });
      const other = await store.talks.create({ sourceUrl: "s", spec });
      expect(first.created).toBe(true);
      expect(again).toEqual({ talk: first.talk, created: false });
      expect(other.talk.id).not.toBe(first.talk.id);
      expect(await store.talks.get(first.talk.id)).toEqual(first.talk);
      expect(first.talk).toMatchObject({
        status: "created",
        spec,
        resultKey: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
    });

    it("moves a talk created → started → done once, and never out of done", async () => {
      const { talk } = await store.talks.create({ sourceUrl: "s", spec });
      expect(await store.talks.markDone(talk.id, { resultFile: "x.mp4", duration: 1.5 })).toBe(false);
      expect(await store.talks.markStarted(talk.id)).toBe(true);
      expect(await store.talks.markStarted(talk.id)).toBe(true);
      expect(await store.talks.markDone(talk.id, { resultFile: "x.mp4", duration: 1.5 })).toBe(true);
      expect(await store.talks.markDone(talk.id, { resultFile: "y.mp4", duration: 2 })).toBe(false);
      expect(await store.talks.markStarted(talk.id)).toBe(false);
      expect(await store.talks.markFailed(talk.id, "error", { kind: "X", description: "y" })).toBe(false);
      const done = await store.talks.get(talk.id);
      expect(done).toMatchObject({ status: "done", resultFile: "x.mp4", duration: 1.5, error: undefined });
      expect(done?.startedAt).toBeDefined();
    });

    it("records failure with its reason, and a retry clears it", async () => {
      const { talk } = await store.talks.create({ sourceUrl: "s", spec });
      const error = { kind: "FaceError", description: "no face found" };
      expect(await store.talks.markFailed(talk.id, "rejected", error)).toBe(true);
      expect(await store.talks.get(talk.id)).toMatchObject({ status: "rejected", error });
      expect(await store.talks.markStarted(talk.id)).toBe(true);
      expect(await store.talks.get(talk.id)).toMatchObject({ status: "started", error: undefined });
    });

    it("records render progress only while started, and starts a retried render from zero", async () => {
      const { talk } = await store.talks.create({ sourceUrl: "s", spec });
      expect(await store.talks.setProgress(talk.id, 0.5)).toBe(false);
      expect((await store.talks.get(talk.id))?.progress).toBeUndefined();
      await store.talks.markStarted(talk.id);
      expect((await store.talks.get(talk.id))?.progress).toBe(0);
      expect(await store.talks.setProgress(talk.id, 0.375)).toBe(true);
      expect((await store.talks.get(talk.id))?.progress).toBe(0.375);
      await store.talks.markStarted(talk.id);
      expect((await store.talks.get(talk.id))?.progress).toBe(0);
      await store.talks.markDone(talk.id, { resultFile: "x.mp4", duration: 1 });
      expect(await store.talks.setProgress(talk.id, 0.9)).toBe(false);
    });

    it("records one webhook delivery", async () => {
      const { talk } = await store.talks.create({ sourceUrl: "s", spec });
      expect(await store.talks.markWebhookDelivered(talk.id)).toBe(true);
      expect(await store.talks.markWebhookDelivered(talk.id)).toBe(false);
    });

    it("lists newest first in pages and deletes", async () => {
      const ids: string[] = [];
      for (let index = 0; index < 5; index++)
        ids.push((await store.talks.create({ sourceUrl: "s", spec })).talk.id);
      const firstPage = await store.talks.list({ limit: 3 });
      expect(firstPage.map((talk) => talk.id)).toEqual(ids.slice(2).reverse());
      const secondPage = await store.talks.list({ limit: 3, before: firstPage.at(-1)?.id });
      expect(secondPage.map((talk) => talk.id)).toEqual(ids.slice(0, 2).reverse());
      expect((await store.talks.delete(ids[0] as string))?.id).toBe(ids[0]);
      expect(await store.talks.delete(ids[0] as string)).toBeUndefined();
      expect(await store.talks.get(ids[0] as string)).toBeUndefined();
    });
  });
}
