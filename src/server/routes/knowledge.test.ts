import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app/app.js";
import type { KnowledgeDocument } from "../../core/knowledge.js";
import { MAX_DOCUMENT_BYTES } from "../../knowledge/document-import.js";
import { tinyDocx, tinyPdf, WHATSAPP_EXPORT } from "../../knowledge/test-support/document-fixtures.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

interface Answer {
  error?: string;
  names?: string[];
  document?: KnowledgeDocument;
  documents?: KnowledgeDocument[];
}

describe("knowledge routes", () => {
  let site: TestServer;
  let app: App;
  let base: string;

  beforeAll(async () => {
    site = await startTestServer({ listen: true });
    app = site.app;
    base = site.base as string;
  });
  afterAll(() => site?.close());

  const call = async (method: string, path: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, { method, ...init });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Answer };
  };
  const upload = (bytes: Uint8Array, name: string, fields: Record<string, string> = {}, query = "") => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append("file", new Blob([bytes]), name);
    return call("POST", `/api/twins/default/knowledge${query}`, { body: form });
  };
  const pasteText = (body: unknown) =>
    call("POST", "/api/twins/default/knowledge", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("uploads files and pastes, lists them, finds their passages, deletes one", async () => {
    const pdf = await upload(tinyPdf(["I studied physics at Coimbra."]), "cv.pdf");
    expect(pdf.status).toBe(201);
    expect(pdf.body.document).toMatchObject({
      name: "cv.pdf",
      kind: "pdf",
      passageCount: 1,
      twinId: "default",
    });
    const docx = await upload(tinyDocx(["I was born in Porto."]), "C:\\Users\\ana\\letter.docx");
    expect(docx.body.document).toMatchObject({ name: "letter.docx", kind: "docx" });
    const chat = await upload(new TextEncoder().encode(WHATSAPP_EXPORT), "chat.txt", { me: "Ben" });
    expect(chat.body.document).toMatchObject({ kind: "chat", characters: 95 });
    const queried = await upload(new TextEncoder().encode(WHATSAPP_EXPORT), "chat2.txt", {}, "?me=Ana");
    expect(queried.body.document).toMatchObject({ kind: "chat", name: "chat2.txt" });
    const pasted = await pasteText({ name: "Notes", text: "# Hobbies\n\nI keep **bees** on the roof." });
    expect(pasted.status).toBe(201);
    expect(pasted.body.document).toMatchObject({ name: "Notes", kind: "markdown", characters: 32 });

    const listed = await call("GET", "/api/twins/default/knowledge");
    expect(listed.body.documents?.map((each) => each.name)).toEqual([
      "cv.pdf",
      "letter.docx",
      "chat.txt",
      "chat2.txt",
      "Notes",
    ]);
    const hits = await app.store.knowledge.search("default", "where do you keep bees", 5);
    expect(hits.map((hit) => hit.text)).toEqual(["Hobbies I keep bees on the roof."]);

    const id = pdf.body.document?.id ?? "";
    expect((await call("DELETE", `/api/twins/default/knowledge/${id}`)).status).toBe(204);
    expect(await call("DELETE", `/api/twins/default/knowledge/${id}`)).toEqual({
      status: 404,
      body: { error: `twin default has no document ${id}` },
    });
    expect((await call("GET", "/api/twins/default/knowledge")).body.documents).toHaveLength(4);
    expect((await call("GET", "/api/twins/nobody/knowledge")).status).toBe(404);
  });

  it("answers every bad input with a 4xx and a message, storing nothing", async () => {
    const before = (await app.store.knowledge.listDocuments("default")).length;
    const asked = await upload(new TextEncoder().encode(WHATSAPP_EXPORT), "chat.txt");
    expect(asked).toEqual({
      status: 400,
      body: {
        error: "chat.txt is a chat export between Ana, Ben: say which name is yours",
        names: ["Ana", "Ben"],
      },
    });
    const cases: [() => Promise<{ status: number; body: Answer }>, number, RegExp][] = [
      [() => upload(new Uint8Array(), "empty.txt"), 400, /^empty\.txt is empty/],
      [() => upload(Uint8Array.from([0, 1, 2, 255]), "blob.bin"), 400, /binary file/],
      [
        () => upload(tinyPdf(["x"], { encrypted: true }), "locked.pdf"),
        400,
        /encrypted \(password-protected\) PDF/,
      ],
      [() => upload(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), "a.png"), 400, /unknown format/],
      [
        () => upload(new TextEncoder().encode(WHATSAPP_EXPORT), "chat.txt", { me: "Zoe" }),
        400,
        /no messages by "Zoe"/,
      ],
      [() => pasteText({ name: "x", text: "" }), 400, /^text: must not be empty/],
      [() => pasteText({ text: "hello" }), 400, /^name:/],
      [() => pasteText({ name: "x", text: "hi", extra: 1 }), 400, /./],
      [
        () =>
          call("POST", "/api/twins/default/knowledge", {
            body: "plain",
            headers: { "content-type": "text/plain" },
          }),
        400,
        /^body: /,
      ],
      [
        () =>
          call("POST", "/api/twins/default/knowledge", {
            headers: { "content-type": "multipart/form-data; boundary=xyz" },
            body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhalf a bo',
          }),
        400,
        /not well-formed multipart/,
      ],
      [
        () =>
          call("POST", "/api/twins/default/knowledge", {
            headers: { "content-type": "multipart/form-data" },
            body: "no boundary at all",
          }),
        400,
        /./,
      ],
      [
        () => {
          const form = new FormData();
          form.append("photo", new Blob(["hi"]), "a.txt");
          return call("POST", "/api/twins/default/knowledge", { body: form });
        },
        400,
        /field named "file"/,
      ],
      [() => pasteText({ name: "big", text: "x".repeat(6 * 1024 * 1024) }), 413, /./],
      [() => upload(new Uint8Array(MAX_DOCUMENT_BYTES + 1), "huge.txt"), 413, /larger than the 50 MB limit/],
    ];
    for (const [answer, status, message] of cases) {
      const { status: got, body } = await answer();
      expect({ got, error: body.error }).toMatchObject({
        got: status,
        error: expect.stringMatching(message),
      });
    }
    expect(await app.store.knowledge.listDocuments("default")).toHaveLength(before);
  });
});
