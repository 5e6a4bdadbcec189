import { beforeEach, describe, expect, it } from "vitest";
import { BadInputError, NotFoundError } from "../../core/errors.js";
import type { Store } from "../store.js";

/** The MemoryRepository part of the Store contract. `current` returns the store of the running test. */
export function memoryTests(current: () => Store): void {
  describe("memories", () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it("adds, lists oldest first per twin, and removes", async () => {
      const ada = await store.twins.create({ name: "Ada" });
      const bob = await store.twins.create({ name: "Bob" });
      const texts = Array.from({ length: 12 }, (_, index) => `fact ${index}`);
      // Added back to back, most share a millisecond: the order must still hold.
      for (const text of texts) await store.memories.add(ada.id, text);
      const bobs = await store.memories.add(bob.id, " likes tea \n");
      expect(bobs).toMatchObject({ twinId: bob.id, text: "likes tea" });
      expect(bobs.id).toMatch(/^mem_[0-9a-z]{18}$/);

      const listed = await store.memories.list(ada.id);
      expect(listed.map((memory) => memory.text)).toEqual(texts);
      expect(await store.memories.list(bob.id)).toEqual([bobs]);

      const first = listed[0];
      if (first === undefined) throw new Error("no memories");
      expect(await store.memories.remove(bob.id, first.id)).toBe(false);
      expect(await store.memories.remove(ada.id, first.id)).toBe(true);
      expect(await store.memories.remove(ada.id, first.id)).toBe(false);
      expect(await store.memories.list(ada.id)).toEqual(listed.slice(1));
    });

    it("refuses empty text and an unknown twin", async () => {
      const twin = await store.twins.create({ name: "Ada" });
      await expect(store.memories.add(twin.id, " ")).rejects.toThrow(BadInputError);
      await expect(store.memories.add("nope", "x")).rejects.toThrow(
        new NotFoundError('no twin with id "nope"'),
      );
      expect(await store.memories.list("nope")).toEqual([]);
    });
  });
}
