import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tinyDocx, tinyPdf, WHATSAPP_EXPORT } from "../../knowledge/test-support/document-fixtures.js";
import { runCli, tempDataDir } from "../test-support/run-cli.js";

describe("aitwin twin import / knowledge", () => {
  let dataDir: string;
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(dataDir, name);
    writeFileSync(path, content);
    return path;
  };
  beforeEach(() => {
    dataDir = tempDataDir();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("imports every format into a twin named first, lists and deletes", async () => {
    await runCli(dataDir, ["twin", "create", "Ada", "--id", "ada"]);
    const paths = [
      file("cv.pdf", tinyPdf(["I studied physics at Coimbra."])),
      file("letter.docx", tinyDocx(["I was born in Porto."])),
      file("notes.md", "# Notes\n\nI keep **bees**.\n"),
      file("diary.txt", "I sail on weekends."),
      file("chat.txt", WHATSAPP_EXPORT),
    ];
    const imported = await runCli(dataDir, ["twin", "import", "ada", ...paths, "--me", "Ben"]);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    const lines = imported.stdout.trim().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^imported cv\.pdf into ada as doc_\w+: pdf, 1 passage, 29 characters$/);
    expect(lines.slice(1).map((line) => line.split(":")[1]?.split(",")[0]?.trim())).toEqual([
      "docx",
      "markdown",
      "text",
      "chat",
    ]);

    const listed = JSON.parse((await runCli(dataDir, ["twin", "knowledge", "ada", "--json"])).stdout);
    expect(listed.map((each: { name: string }) => each.name)).toEqual([
      "cv.pdf",
      "letter.docx",
      "notes.md",
      "diary.txt",
      "chat.txt",
    ]);
    const table = await runCli(dataDir, ["twin", "knowledge", "ada"]);
    expect(table.stdout).toMatch(/^doc_\w+ {2}pdf {7}1 passage, 29 characters {10}cv\.pdf$/m);

    const deleted = await runCli(dataDir, ["twin", "knowledge", "ada", "--delete", listed[0].id]);
    expect(deleted).toEqual({ code: 0, stdout: `deleted ${listed[0].id} (cv.pdf)\n`, stderr: "" });
    const again = await runCli(dataDir, ["twin", "knowledge", "ada", "--delete", listed[0].id]);
    expect(again).toEqual({
      code: 3,
      stdout: "",
      stderr: `aitwin: twin ada has no document ${listed[0].id}\n`,
    });
    const left = JSON.parse((await runCli(dataDir, ["twin", "knowledge", "ada", "--json"])).stdout);
    expect(left).toHaveLength(4);
    expect((await runCli(dataDir, ["twin", "knowledge"])).stdout).toBe(
      "twin default has no documents: aitwin twin import default FILE…\n",
    );
  });

  it("takes a lone argument, or a first argument that is a file, as files for the default twin", async () => {
    const one = file("one.txt", "I like tea.");
    const two = file("two.txt", "I like jazz.");
    expect((await runCli(dataDir, ["twin", "import", one])).code).toBe(0);
    expect((await runCli(dataDir, ["twin", "import", one, two, "--json"])).code).toBe(0);
    const listed = JSON.parse((await runCli(dataDir, ["twin", "knowledge", "default", "--json"])).stdout);
    expect(listed.map((each: { name: string }) => each.name)).toEqual(["one.txt", "one.txt", "two.txt"]);
    // The default twin's seeded text about the software gave way to what the person imported.
    const twin = JSON.parse((await runCli(dataDir, ["twin", "show", "--json"])).stdout);
    expect(twin.persona.biography).toBe("");
    expect(twin.persona.facts).toEqual([]);
    expect((await runCli(dataDir, ["ask", "Do you like music?"])).stdout).toBe("Yes. I like jazz.\n");
    const unknown = await runCli(dataDir, ["twin", "import", "nobody", one]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/^aitwin: .*nobody/);
  });

  it("asks which name is yours in a chat export, and imports nothing on any bad file", async () => {
    const chat = file("chat.txt", WHATSAPP_EXPORT);
    const good = file("good.txt", "I like tea.");
    const asked = await runCli(dataDir, ["twin", "import", good, chat]);
    expect(asked).toEqual({
      code: 2,
      stdout: "",
      stderr: "aitwin: chat.txt is a chat export between Ana, Ben: say which name is yours (--me NAME)\n",
    });
    const stranger = await runCli(dataDir, ["twin", "import", chat, "--me", "Zoe"]);
    expect(stranger.stderr).toBe('aitwin: chat.txt has no messages by "Zoe"; the names in it are Ana, Ben\n');
    for (const [name, content, message] of [
      ["empty.txt", "", "empty.txt is empty: there is no text to import"],
      ["blob.bin", Buffer.from([0, 1, 2, 3, 255]), "blob.bin is a binary file, not text"],
      [
        "locked.pdf",
        tinyPdf(["x"], { encrypted: true }),
        "locked.pdf is an encrypted (password-protected) PDF",
      ],
    ] as const) {
      const result = await runCli(dataDir, ["twin", "import", good, file(name, content)]);
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toContain(message);
    }
    const missing = await runCli(dataDir, ["twin", "import", join(dataDir, "nope.txt")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^aitwin: cannot read .*nope\.txt \(ENOENT\)\n$/);
    expect(JSON.parse((await runCli(dataDir, ["twin", "knowledge", "--json"])).stdout)).toEqual([]);
  });
});
