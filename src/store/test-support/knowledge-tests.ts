import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BadInputError, NotFoundError } from "../../core/errors.js";
import type { Store } from "../store.js";

/** The KnowledgeRepository contract and its full-text index, run on SQLite and PostgreSQL alike. */
export function knowledgeRepositoryTests(name: string, open: () => Promise<Store>): void {
  describe(`knowledge on ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("stores a document's passages in order and lists documents per twin", async () => {
      const ada = await store.twins.create({ name: "Ada" });
      const bob = await store.twins.create({ name: "Bob" });
      const cv = await store.knowledge.addDocument(ada.id, { name: " cv.pdf ", kind: "pdf" }, [
        "I studied physics in Coimbra.",
        "  ",
        "Then I sailed to the Azores.",
      ]);
      expect(cv).toMatchObject({
        twinId: ada.id,
        name: "cv.pdf",
        kind: "pdf",
        passageCount: 2,
        characters: 57,
      });
      expect(cv.id).toMatch(/^doc_[0-9a-z]{18}$/);
      const notes = await store.knowledge.addDocument(ada.id, { name: "notes.md", kind: "markdown" }, [
        "Tea.",
      ]);
      await store.knowledge.addDocument(bob.id, { name: "bob.txt", kind: "text" }, ["Coffee."]);

      expect(await store.knowledge.listDocuments(ada.id)).toEqual([cv, notes]);
      const passages = await store.knowledge.passages(ada.id, cv.id);
      expect(
        passages.map(({ documentId, documentName, ordinal, text }) => ({
          documentId,
          documentName,
          ordinal,
          text,
        })),
      ).toEqual([
        { documentId: cv.id, documentName: "cv.pdf", ordinal: 0, text: "I studied physics in Coimbra." },
        { documentId: cv.id, documentName: "cv.pdf", ordinal: 1, text: "Then I sailed to the Azores." },
      ]);
      expect(await store.knowledge.passages(bob.id, cv.id)).toEqual([]);
    });

    it("finds passages with ANY of the query's words, best first, only the twin's own", async () => {
      const ada = await store.twins.create({ name: "Ada" });
      const bob = await store.twins.create({ name: "Bob" });
      const diary = await store.knowledge.addDocument(ada.id, { name: "diary.txt", kind: "text" }, [
        "I play the violin every Thursday.",
        "My sisters and I grew up in Oslo, near the fjord.",
        "The violin was my grandmother's; the quartet plays Haydn and the violin sings.",
        "Nothing about music here, only the weather.",
      ]);
      await store.knowledge.addDocument(bob.id, { name: "bob.txt", kind: "text" }, [
        "Bob plays the violin too.",
      ]);

      const hits = await store.knowledge.search(ada.id, "Do you play the VIOLIN in a quartet?", 10);
      expect(hits.map((hit) => hit.ordinal)).toEqual([2, 0]);
      expect(hits[0]).toMatchObject({ documentId: diary.id, documentName: "diary.txt" });
      const scores = hits.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(scores.every((score) => score > 0)).toBe(true);

      const any = await store.knowledge.search(ada.id, "violin OR music", 10);
      expect(any.map((hit) => hit.ordinal).sort()).toEqual([0, 2, 3]);
      // Stemmed on both databases: "sister" finds "sisters".
      expect(
        (await store.knowledge.search(ada.id, "sister siblings brother", 10)).map((hit) => hit.ordinal),
      ).toEqual([1]);
      expect(await store.knowledge.search(ada.id, "violin", 1)).toHaveLength(1);
      expect(await store.knowledge.search(ada.id, "submarine", 10)).toEqual([]);
    });

    it("never reads the user's text as query syntax", async () => {
      const ada = await store.twins.create({ name: "Ada" });
      await store.knowledge.addDocument(ada.id, { name: "a.txt", kind: "text" }, [
        "I love tea (green) and jazz.",
      ]);
      for (const query of [
        'tea" OR NOT jazz',
        "NEAR(tea jazz) AND * ^tea",
        "tea & !jazz | (green:* <-> x)",
        "'; drop table passages; --",
        '"unbalanced ( quote',
        "",
        "the and of",
        "🙂 ☕",
      ]) {
        await expect(store.knowledge.search(ada.id, query, 5)).resolves.toBeInstanceOf(Array);
      }
      expect(await store.knowledge.search(ada.id, 'tea" OR NOT jazz', 5)).toHaveLength(1);
      expect(await store.knowledge.search(ada.id, "the and of", 5)).toEqual([]);
      expect(await store.knowledge.listDocuments(ada.id)).toHaveLength(1);
    });

    it("ranks a rare word's passages first among thousands that hold a common one", async () => {
      const ada = await store.twins.create({ name: "Ada" });
      const common = Array.from({ length: 1700 }, (_, index) => `The harbour was busy on day ${index}.`);
      const rare = [
        "The lighthouse keeper at the harbour taught me knots.",
        "A lighthouse keeper's life is quiet.",
      ];
      await store.knowledge.addDocument(ada.id, { name: "log.txt", kind: "text" }, [...common, ...rare]);
      const hits = await store.knowledge.search(ada.id, "harbour lighthouse keeper", 5);
      expect(
        hits
          .slice(0, 2)
          .map((hit) => hit.text)
          .sort(),
      ).toEqual([...rare].sort());
      expect(hits).toHaveLength(5);
      // The common word alone still finds passages: the rarest matching word is always kept.
      expect(await store.knowledge.search(ada.id, "harbour", 3)).toHaveLength(3);
    });

    it("removes a document with its passages and their index entries", async () => {
      const ada = await store.twins.create({ name: "Ada" });
      const gone = await store.knowledge.addDocument(ada.id, { name: "a.txt", kind: "text" }, [
        "Kayaking at dawn.",
      ]);
      const kept = await store.knowledge.addDocument(ada.id, { name: "b.txt", kind: "text" }, [
        "Kayaking at dusk.",
      ]);
      expect(await store.knowledge.removeDocument("other", gone.id)).toBe(false);
      expect(await store.knowledge.removeDocument(ada.id, gone.id)).toBe(true);
      expect(await store.knowledge.removeDocument(ada.id, gone.id)).toBe(false);
      expect(await store.knowledge.listDocuments(ada.id)).toEqual([kept]);
      expect(await store.knowledge.passages(ada.id, gone.id)).toEqual([]);
      const hits = await store.knowledge.search(ada.id, "kayaking", 10);
      expect(hits.map((hit) => hit.documentId)).toEqual([kept.id]);
    });

    it("deleting a twin deletes its documents, passages and index entries", async () => {
      const ada = await store.twins.create({ name: "Ada" });
      const bob = await store.twins.create({ name: "Bob" });
      const doc = await store.knowledge.addDocument(ada.id, { name: "a.txt", kind: "text" }, [
        "Sailing in Lisbon.",
      ]);
      await store.knowledge.addDocument(bob.id, { name: "b.txt", kind: "text" }, ["Sailing in Porto."]);
      await store.twins.delete(ada.id);
      expect(await store.knowledge.listDocuments(ada.id)).toEqual([]);
      expect(await store.knowledge.passages(ada.id, doc.id)).toEqual([]);
      expect(await store.knowledge.search(ada.id, "sailing", 10)).toEqual([]);
      expect(await store.knowledge.search(bob.id, "sailing", 10)).toHaveLength(1);
    });

    it("refuses bad documents and an unknown twin, storing nothing", async () => {
      const ada = await store.twins.create({ name: "Ada" });
      await expect(
        store.knowledge.addDocument(ada.id, { name: "a.txt", kind: "text" }, [" ", ""]),
      ).rejects.toThrow(BadInputError);
      await expect(store.knowledge.addDocument(ada.id, { name: " ", kind: "text" }, ["x"])).rejects.toThrow(
        BadInputError,
      );
      await expect(
        store.knowledge.addDocument("nope", { name: "a.txt", kind: "text" }, ["x"]),
      ).rejects.toThrow(new NotFoundError('no twin with id "nope"'));
      expect(await store.knowledge.listDocuments(ada.id)).toEqual([]);
      expect(await store.knowledge.listDocuments("nope")).toEqual([]);
    });

    it("imports all of a large document in one transaction, or none of it", async () => {
      const ada = await store.twins.create({ name: "Ada" });
      const passages = Array.from(
        { length: 1200 },
        (_, index) => `Passage ${index} about lighthouse number ${index}.`,
      );
      const doc = await store.knowledge.addDocument(ada.id, { name: "big.txt", kind: "text" }, passages);
      expect(doc.passageCount).toBe(1200);
      expect((await store.knowledge.passages(ada.id, doc.id)).at(-1)?.ordinal).toBe(1199);
      expect(await store.knowledge.search(ada.id, "lighthouse", 1000)).toHaveLength(1000);

      // The twin vanishes before the import commits: the batch of 1200 passages must not be half there.
      await store.twins.delete(ada.id);
      await expect(
        store.knowledge.addDocument(ada.id, { name: "big.txt", kind: "text" }, passages),
      ).rejects.toThrow(NotFoundError);
      expect(await store.knowledge.search(ada.id, "lighthouse", 10)).toEqual([]);
    });
  });
}
