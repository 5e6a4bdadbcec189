import { beforeEach, describe, expect, it } from "vitest";
import { BadInputError, NotFoundError } from "../../core/errors.js";
import type { Store } from "../store.js";

/** The ConversationRepository part of the Store contract. `current` returns the store of the running test. */
export function conversationTests(current: () => Store): void {
  describe("conversations", () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it("creates, reads and says which conversation was not found", async () => {
      const twin = await store.twins.create({ name: "Ada" });
      const conversation = await store.conversations.create(twin.id);
      expect(conversation).toMatchObject({ twinId: twin.id, updatedAt: conversation.createdAt });
      expect(conversation.id).toMatch(/^conv_[0-9a-z]{18}$/);
      expect(await store.conversations.get(conversation.id)).toEqual(conversation);
      expect(await store.conversations.require(conversation.id)).toEqual(conversation);
      expect(await store.conversations.get("nope")).toBeUndefined();
      await expect(store.conversations.require("nope")).rejects.toThrow(
        new NotFoundError('no conversation with id "nope"'),
      );
      await expect(store.conversations.create("nope")).rejects.toThrow(NotFoundError);
      await expect(store.conversations.addTurn("nope", { role: "user", text: "hi" })).rejects.toThrow(
        new NotFoundError('no conversation with id "nope"'),
      );
    });

    it("keeps turns in order and returns the most recent ones oldest first", async () => {
      const twin = await store.twins.create({ name: "Ada" });
      const { id } = await store.conversations.create(twin.id);
      const texts = Array.from({ length: 15 }, (_, index) => `turn ${index}`);
      for (const [index, text] of texts.entries()) {
        await store.conversations.addTurn(id, { role: index % 2 === 0 ? "user" : "twin", text });
      }
      const all = await store.conversations.turns(id);
      expect(all.map((turn) => turn.text)).toEqual(texts);
      expect(all[0]).toMatchObject({ conversationId: id, role: "user", status: "complete" });
      expect(all[0]?.id).toMatch(/^turn_[0-9a-z]{18}$/);
      expect((await store.conversations.turns(id, 4)).map((turn) => turn.text)).toEqual(texts.slice(-4));
      expect(await store.conversations.turns(id, 100)).toEqual(all);
      expect(await store.conversations.turns(id, 0)).toEqual([]);
      await expect(store.conversations.turns(id, -1)).rejects.toThrow(BadInputError);
      expect(await store.conversations.turns("nope")).toEqual([]);
    });

    it("gives concurrent turns distinct places and keeps their status", async () => {
      const twin = await store.twins.create({ name: "Ada" });
      const { id } = await store.conversations.create(twin.id);
      const added = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          store.conversations.addTurn(id, { role: "twin", text: `${index}`, status: "interrupted" }),
        ),
      );
      const stored = await store.conversations.turns(id);
      expect(stored).toHaveLength(10);
      expect(new Set(stored.map((turn) => turn.text))).toEqual(new Set(added.map((turn) => turn.text)));
      expect(stored.every((turn) => turn.status === "interrupted")).toBe(true);
    });

    it("lists the most recently active conversation first", async () => {
      const twin = await store.twins.create({ name: "Ada" });
      expect(await store.conversations.latest(twin.id)).toBeUndefined();
      const first = await store.conversations.create(twin.id);
      const second = await store.conversations.create(twin.id);
      expect((await store.conversations.list(twin.id)).map((item) => item.id)).toEqual([second.id, first.id]);
      expect((await store.conversations.latest(twin.id))?.id).toBe(second.id);

      await new Promise((resolve) => setTimeout(resolve, 5));
      const turn = await store.conversations.addTurn(first.id, { role: "user", text: "hello again" });
      const bumped = await store.conversations.require(first.id);
      expect(bumped.updatedAt).toBe(turn.createdAt);
      expect(bumped.updatedAt > first.updatedAt).toBe(true);
      expect(bumped.createdAt).toBe(first.createdAt);
      expect((await store.conversations.list(twin.id)).map((item) => item.id)).toEqual([first.id, second.id]);
      expect((await store.conversations.latest(twin.id))?.id).toBe(first.id);
      expect(await store.conversations.list("nope")).toEqual([]);
    });

    it("marks the last reply interrupted only when the last turn is the twin's", async () => {
      const twin = await store.twins.create({ name: "Ada" });
      const { id } = await store.conversations.create(twin.id);
      await store.conversations.addTurn(id, { role: "user", text: "tell me a story" });
      expect(await store.conversations.markLastReplyInterrupted(id)).toBe(false);
      await store.conversations.addTurn(id, { role: "twin", text: "Once upon a time." });
      expect(await store.conversations.markLastReplyInterrupted(id)).toBe(true);
      expect((await store.conversations.turns(id)).map((turn) => turn.status)).toEqual([
        "complete",
        "interrupted",
      ]);
    });
  });
}
