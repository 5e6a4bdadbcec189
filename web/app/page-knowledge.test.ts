import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyPdf, WHATSAPP_EXPORT } from "../../src/knowledge/test-support/document-fixtures.js";
import { launchChromium, type PageServer, startPageServer } from "./test-support/page-harness.js";

let site: PageServer;
let browser: Browser;

beforeAll(async () => {
  site = await startPageServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("the page's Knowledge panel in Chromium", { timeout: 90_000 }, () => {
  it("uploads a PDF, pastes notes, asks for the name in a chat export, lists and deletes", async () => {
    const page = await browser.newPage();
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    await page.getByText("Knowledge", { exact: true }).click();
    const documents = page.getByRole("list", { name: "Documents" }).locator("li");
    const listed = () => documents.allTextContents();
    const file = page.getByLabel("Document", { exact: true });

    await file.setInputFiles({
      name: "cv.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(tinyPdf(["I studied physics at Coimbra."])),
    });
    await expect.poll(listed).toEqual(["cv.pdf (pdf, 1 passage)Delete"]);
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Imported cv.pdf: 1 passage");

    await page.getByLabel("Title").fill("Hobbies");
    await page.getByLabel("Paste text").fill("# Weekends\n\nI keep **bees** on the roof.");
    await page.getByRole("button", { name: "Add text" }).click();
    await expect
      .poll(listed)
      .toEqual(["cv.pdf (pdf, 1 passage)Delete", "Hobbies (markdown, 1 passage)Delete"]);
    expect(await page.getByLabel("Paste text").inputValue()).toBe("");

    const chat = { name: "chat.txt", mimeType: "text/plain", buffer: Buffer.from(WHATSAPP_EXPORT) };
    await file.setInputFiles(chat);
    const notice = page.getByRole("alert");
    await expect
      .poll(() => notice.textContent())
      .toBe("chat.txt is a chat export between Ana, Ben: say which name is yours");
    expect(await documents.count()).toBe(2);
    await page.getByLabel("Your name in a chat").fill("Ben");
    await file.setInputFiles(chat);
    await expect.poll(() => documents.count()).toBe(3);
    expect((await listed())[2]).toBe("chat.txt (chat, 1 passage)Delete");

    await page.getByRole("button", { name: "Delete cv.pdf" }).click();
    await expect
      .poll(listed)
      .toEqual(["Hobbies (markdown, 1 passage)Delete", "chat.txt (chat, 1 passage)Delete"]);
    const stored = await (await fetch(`${site.base}/api/twins/default/knowledge`)).json();
    expect(stored.documents.map((each: { name: string }) => each.name)).toEqual(["Hobbies", "chat.txt"]);
    await page.close();
  });
});
