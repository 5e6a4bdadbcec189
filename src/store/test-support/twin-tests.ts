import { beforeEach, describe, expect, it } from "vitest";
import { BadInputError, ConflictError, NotFoundError } from "../../core/errors.js";
import type { Store } from "../store.js";

/** The TwinRepository part of the Store contract. `current` returns the store of the running test. */
export function twinTests(current: () => Store): void {
  describe("twins", () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it("creates a twin with defaults and a generated id, and reads it back", async () => {
      const twin = await store.twins.create({ name: "  Ada " });
      expect(twin.id).toMatch(/^tw_[0-9a-z]{10}$/);
      expect(twin).toMatchObject({
        name: "Ada",
        persona: { biography: "", style: "", facts: [] },
        voice: {},
        face: { kind: "illustrated", look: "sunny" },
      });
      expect(twin.createdAt).toBe(new Date(twin.createdAt).toISOString());
      expect(twin.updatedAt).toBe(twin.createdAt);
      expect(await store.twins.get(twin.id)).toEqual(twin);
      expect(await store.twins.require(twin.id)).toEqual(twin);
    });

    it("keeps a chosen id and everything given", async () => {
      const twin = await store.twins.create({
        id: "default",
        name: "Ada",
        persona: { style: "dry humour", facts: ["I grew up in Porto."] },
        voice: { id: "en-gb", rate: 1.1 },
        face: { kind: "photo", mediaId: "media_1" },
      });
      expect(await store.twins.require("default")).toEqual({
        ...twin,
        id: "default",
        persona: { biography: "", style: "dry humour", facts: ["I grew up in Porto."] },
        voice: { id: "en-gb", rate: 1.1 },
        face: { kind: "photo", mediaId: "media_1" },
      });
    });

    it("refuses an id that is taken", async () => {
      await store.twins.create({ id: "me", name: "Ada" });
      await expect(store.twins.create({ id: "me", name: "Bob" })).rejects.toThrow(ConflictError);
      expect((await store.twins.require("me")).name).toBe("Ada");
    });

    it.each(["", "has space", "a/b", "naïve", "x".repeat(65), 'quote"'])("refuses the id %j", async (id) => {
      await expect(store.twins.create({ id, name: "Ada" })).rejects.toThrow(BadInputError);
      expect(await store.twins.list()).toEqual([]);
    });

    it("accepts the longest allowed id and refuses an empty name", async () => {
      await store.twins.create({ id: `A-_${"9".repeat(61)}`, name: "Ada" });
      await expect(store.twins.create({ name: "   " })).rejects.toThrow(BadInputError);
    });

    it("says which twin was not found", async () => {
      expect(await store.twins.get("nope")).toBeUndefined();
      await expect(store.twins.require("nope")).rejects.toThrow(new NotFoundError('no twin with id "nope"'));
      await expect(store.twins.update("nope", { name: "X" })).rejects.toThrow(NotFoundError);
      await expect(store.twins.delete("nope")).rejects.toThrow(NotFoundError);
    });

    it("lists twins in creation order", async () => {
      const ids = ["c", "a", "b"];
      for (const id of ids) {
        await store.twins.create({ id, name: id });
        // Twins made in the same millisecond fall back to id order; this test is about time order.
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
      expect((await store.twins.list()).map((twin) => twin.id)).toEqual(ids);
    });

    it("updates: merges persona fields, replaces facts, voice and face, keeps createdAt", async () => {
      const created = await store.twins.create({
        name: "Ada",
        persona: { biography: "Engineer.", style: "warm", facts: ["one", "two"] },
        voice: { id: "a", rate: 2 },
      });
      const updated = await store.twins.update(created.id, {
        name: "Ada L.",
        persona: { style: "brief", facts: ["three"] },
        voice: { id: "b" },
        face: { kind: "illustrated", look: "bold" },
      });
      expect(updated).toEqual({
        ...created,
        name: "Ada L.",
        persona: { biography: "Engineer.", style: "brief", facts: ["three"] },
        voice: { id: "b" },
        face: { kind: "illustrated", look: "bold" },
        updatedAt: updated.updatedAt,
      });
      expect(updated.updatedAt >= created.updatedAt).toBe(true);
      expect(await store.twins.require(created.id)).toEqual(updated);
      const unchanged = await store.twins.update(created.id, {});
      expect(unchanged.persona).toEqual(updated.persona);
      await expect(store.twins.update(created.id, { name: "" })).rejects.toThrow(BadInputError);
    });

    it("deletes a twin", async () => {
      const twin = await store.twins.create({ name: "Ada" });
      await store.twins.delete(twin.id);
      expect(await store.twins.get(twin.id)).toBeUndefined();
      expect(await store.twins.list()).toEqual([]);
    });
  });
}
