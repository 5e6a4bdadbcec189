import { describe, expect, it } from "vitest";
import { BadInputError } from "../core/errors.js";
import { ChatNameNeededError } from "./chat-export.js";
import { prepareDocument } from "./document-import.js";
import { prepareDocumentOffThread } from "./prepare-off-thread.js";
import { tinyDocx, tinyPdf, WHATSAPP_EXPORT } from "./test-support/document-fixtures.js";

describe("prepareDocumentOffThread", () => {
  it("reads documents on a worker thread exactly as on the main one", async () => {
    for (const [bytes, name] of [
      [tinyPdf(["I studied physics at Coimbra.", "I sail."]), "cv.pdf"],
      [tinyDocx(["I was born in Porto."]), "letter.docx"],
      [new TextEncoder().encode("# Notes\n\nI keep **bees**."), "notes.md"],
    ] as const) {
      expect(await prepareDocumentOffThread(bytes, name), name).toEqual(await prepareDocument(bytes, name));
    }
  });

  it("gives back the same errors: bad input, and a chat export's names", async () => {
    const locked = prepareDocumentOffThread(tinyPdf(["x"], { encrypted: true }), "locked.pdf");
    await expect(locked).rejects.toThrow(BadInputError);
    await expect(locked).rejects.toThrow(/^locked\.pdf is an encrypted \(password-protected\) PDF/);
    const chat = prepareDocumentOffThread(new TextEncoder().encode(WHATSAPP_EXPORT), "chat.txt");
    await expect(chat).rejects.toThrow(ChatNameNeededError);
    await expect(chat).rejects.toMatchObject({ names: ["Ana", "Ben"] });
    const ben = await prepareDocumentOffThread(new TextEncoder().encode(WHATSAPP_EXPORT), "chat.txt", {
      me: "Ben",
    });
    expect(ben.kind).toBe("chat");
  });

  it("reads many documents at once, a few at a time, each to its own result", async () => {
    const texts = Array.from({ length: 5 }, (_, index) => `I planted tree number ${index} in the garden.`);
    const prepared = await Promise.all(
      texts.map((text, index) =>
        prepareDocumentOffThread(new TextEncoder().encode(text), `tree-${index}.txt`),
      ),
    );
    expect(prepared.map((each) => [each.name, each.passages])).toEqual(
      texts.map((text, index) => [`tree-${index}.txt`, [text]]),
    );
  });
});
