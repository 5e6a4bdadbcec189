import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import { conversationTests } from "./conversation-tests.js";
import { memoryTests } from "./memory-tests.js";
import { twinTests } from "./twin-tests.js";

/**
 * The Store contract, run against any database: `open` must return a store over an empty, migrated database.
 * Twin, memory and conversation behaviour lives here so SQLite and PostgreSQL are held to the same tests.
 */
export function storeSuite(name: string, open: () => Promise<Store>): void {
  describe(`Store on ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    twinTests(() => store);
    memoryTests(() => store);
    conversationTests(() => store);

    it("deleting a twin deletes its memories, conversations and turns", async () => {
      const ada = await store.twins.create({ name: "Ada" });
      const bob = await store.twins.create({ name: "Bob" });
      await store.memories.add(ada.id, "likes tea");
      const gone = await store.conversations.create(ada.id);
      await store.conversations.addTurn(gone.id, { role: "user", text: "hi" });
      await store.memories.add(bob.id, "likes coffee");
      const kept = await store.conversations.create(bob.id);
      await store.conversations.addTurn(kept.id, { role: "user", text: "hello" });

      await store.twins.delete(ada.id);
      expect(await store.memories.list(ada.id)).toEqual([]);
      expect(await store.conversations.get(gone.id)).toBeUndefined();
      expect(await store.conversations.turns(gone.id)).toEqual([]);
      expect(await store.memories.list(bob.id)).toHaveLength(1);
      expect(await store.conversations.turns(kept.id)).toHaveLength(1);
    });
  });
}
