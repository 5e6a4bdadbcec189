import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { BadInputError } from "../core/errors.js";
import { ChatNameNeededError } from "./chat-export.js";
import { MAX_DOCUMENT_BYTES, prepareDocument, readDocumentFile } from "./document-import.js";
import { tinyDocx, tinyPdf, WHATSAPP_EXPORT } from "./test-support/document-fixtures.js";

const encode = (text: string) => new TextEncoder().encode(text);
const directory = mkdtempSync(join(tmpdir(), "aitwin-import-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("prepareDocument", () => {
  it("reads plain text into passages of whole sentences, ~300–600 characters", async () => {
    const sentences = Array.from(
      { length: 40 },
      (_, index) => `I remember summer number ${index} at the lake house.`,
    );
    const prepared = await prepareDocument(encode(`${sentences.join(" ")}\n`), "notes.txt");
    expect(prepared.kind).toBe("text");
    expect(prepared.passages.join(" ")).toBe(sentences.join(" "));
    expect(prepared.passages.length).toBeGreaterThan(2);
    for (const passage of prepared.passages.slice(0, -1)) {
      expect(passage.length).toBeGreaterThanOrEqual(300);
      expect(passage.length).toBeLessThanOrEqual(600);
      expect(passage).toMatch(/^I remember .*house\.$/);
    }
  });

  it("strips Markdown syntax, by extension or by content", async () => {
    const markdown = [
      "# My life",
      "",
      "I grew up in **Oslo** and moved to [Lisbon](https://example.com/lisbon) in 2010.",
      "",
      "- I play the *violin*",
      "- I love `pad thai`",
      "",
      "```",
      "code stays as text",
      "```",
      "![a photo of my cat](cat.png)",
    ].join("\n");
    for (const name of ["life.md", "life.txt"]) {
      const prepared = await prepareDocument(encode(markdown), name);
      expect(prepared.kind).toBe("markdown");
      const text = prepared.passages.join(" ");
      expect(text).toBe(
        "My life I grew up in Oslo and moved to Lisbon in 2010. I play the violin I love pad thai code stays as text a photo of my cat",
      );
    }
  });

  it("reads a PDF's text layer", async () => {
    const prepared = await prepareDocument(
      tinyPdf(["I studied physics (at Coimbra).", "I sail on weekends."]),
      "cv.pdf",
    );
    expect(prepared).toEqual({
      name: "cv.pdf",
      kind: "pdf",
      passages: ["I studied physics (at Coimbra). I sail on weekends."],
    });
  });

  it("reads a .docx's paragraphs, whatever the file is called", async () => {
    const prepared = await prepareDocument(
      tinyDocx(["I was born in Porto.", "Fish & chips < ramen."]),
      "upload.bin",
    );
    expect(prepared).toEqual({
      name: "upload.bin",
      kind: "docx",
      passages: ["I was born in Porto. Fish & chips < ramen."],
    });
  });

  it("keeps only the person's own lines of a chat export", async () => {
    const ben = await prepareDocument(encode(WHATSAPP_EXPORT), "chat.txt", { me: "ben" });
    expect(ben).toEqual({
      name: "chat.txt",
      kind: "chat",
      passages: [
        "Almost! I sanded the hull all weekend and painted it blue. Launching it in Cascais on Saturday.",
      ],
    });
    const ana = await prepareDocument(encode(WHATSAPP_EXPORT), "chat.txt", { me: " Ana " });
    expect(ana.passages).toEqual(["Did you finish the boat? I'll bring sandwiches."]);
  });

  it("asks which name is the person's when not told, listing the names", async () => {
    const asked = prepareDocument(encode(WHATSAPP_EXPORT), "chat.txt");
    await expect(asked).rejects.toThrow(ChatNameNeededError);
    await expect(asked).rejects.toThrow(
      "chat.txt is a chat export between Ana, Ben: say which name is yours (--me NAME)",
    );
    await expect(asked).rejects.toMatchObject({ names: ["Ana", "Ben"] });
    await expect(prepareDocument(encode(WHATSAPP_EXPORT), "chat.txt", { me: "Carla" })).rejects.toThrow(
      new BadInputError('chat.txt has no messages by "Carla"; the names in it are Ana, Ben'),
    );
  });

  it("refuses each kind of bad input with one clear error", async () => {
    const cases: [Uint8Array, string, RegExp][] = [
      [new Uint8Array(), "empty.txt", /^empty.txt is empty/],
      [encode(" \n\t\n"), "blank.txt", /^blank.txt is empty/],
      [
        Uint8Array.from([0x00, 0x01, 0x02, 0xff, 0x10, 0x80]),
        "blob.dat",
        /^blob.dat is a binary file, not text/,
      ],
      [encode("text\u0000with a NUL"), "nul.txt", /^nul.txt is a binary file/],
      [
        tinyPdf(["Secret."], { encrypted: true }),
        "locked.pdf",
        /^locked.pdf is an encrypted \(password-protected\) PDF/,
      ],
      [encode("%PDF-1.4 not really"), "broken.pdf", /^broken.pdf is not a readable PDF/],
      [tinyPdf([]), "scan.pdf", /^scan.pdf has no text layer/],
      [
        Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]),
        "photo.txt",
        /^photo.txt is a PNG image, an unknown format/,
      ],
      [zipSync({ "a.txt": encode("hi") }), "archive.zip", /^archive.zip is a zip archive but not a .docx/],
      [encode("PK\u0003\u0004garbage"), "bad.docx", /^bad.docx is not a readable .docx/],
      [oleFile(true), "locked.docx", /^locked.docx is encrypted \(password-protected\)/],
      [oleFile(false), "old.doc", /^old.doc is an old Office file/],
      [new Uint8Array(MAX_DOCUMENT_BYTES + 1), "huge.txt", /^huge.txt is larger than the 50 MB limit/],
    ];
    for (const [bytes, name, message] of cases) {
      const result = prepareDocument(bytes, name, { me: "Ana" });
      await expect(result, name).rejects.toThrow(BadInputError);
      await expect(result, name).rejects.toThrow(message);
    }
  });

  it("reads a file from disk, refusing one over 50 MB from its size alone", async () => {
    const small = join(directory, "small.txt");
    writeFileSync(small, "I like tea.");
    expect(await readDocumentFile(small)).toEqual({ name: "small.txt", bytes: Buffer.from("I like tea.") });
    const huge = join(directory, "huge.txt");
    writeFileSync(huge, "");
    truncateSync(huge, MAX_DOCUMENT_BYTES + 1); // sparse: nothing is written, so nothing should be read
    await expect(readDocumentFile(huge)).rejects.toThrow(
      new BadInputError("huge.txt is larger than the 50 MB limit"),
    );
    await expect(readDocumentFile(join(directory, "missing.txt"))).rejects.toThrow(
      /^cannot read .*missing.txt \(ENOENT\)/,
    );
    await expect(readDocumentFile(directory)).rejects.toThrow(/is not a file/);
  });
});

/** An OLE compound file's signature, with an "EncryptedPackage" stream name when `encrypted`, as Office writes it. */
function oleFile(encrypted: boolean): Uint8Array {
  const name = Buffer.from(encrypted ? "EncryptedPackage" : "WordDocument", "utf16le");
  return Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
    name,
  ]);
}
