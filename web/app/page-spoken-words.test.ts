import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("the twin's words as they are spoken", { timeout: 90_000 }, () => {
  it("marks the word being said in the reply, moving on with the audio and gone when it ends", async () => {
    const page = await browser.newPage();
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    // Every change of the marked word, as the page makes it.
    await page.evaluate(() => {
      const seen: { word: string; at: number }[] = [];
      (window as unknown as { marks: typeof seen }).marks = seen;
      const list = document.getElementById("turns") as HTMLElement;
      new MutationObserver(() => {
        const mark = list.querySelector("li.twin mark[aria-current]");
        const word = mark?.textContent ?? "";
        if (seen.at(-1)?.word !== word) seen.push({ word, at: performance.now() });
      }).observe(list, { subtree: true, childList: true, characterData: true });
    });
    await page.getByLabel("Message").fill("Who are you?");
    await page.getByRole("button", { name: "Send" }).click();
    const reply = page.locator("#turns > li.twin .text");
    await expect.poll(() => reply.textContent(), { timeout: 30_000 }).toMatch(/^I'm Sam\./);
    await page.waitForFunction(
      () => (window as unknown as { __aitwin: { speaking(): boolean } }).__aitwin.speaking(),
      undefined,
      { timeout: 30_000 },
    );
    // The mark is there while the twin speaks.
    await expect.poll(() => page.locator("li.twin mark[aria-current]").count(), { timeout: 10_000 }).toBe(1);
    // The whole reply is written (its turn recorded), then heard to the end: quiet, and still quiet a moment later
    // (on a loaded machine a sentence may still be decoding when the one before it ends).
    await expect
      .poll(() => page.locator("li.twin").getByRole("button", { name: "Download as video" }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    const quiet = () =>
      page.evaluate(() => !(window as unknown as { __aitwin: { speaking(): boolean } }).__aitwin.speaking());
    for (let quietChecks = 0; quietChecks < 3; ) {
      quietChecks = (await quiet()) ? quietChecks + 1 : 0;
      await page.waitForTimeout(300);
    }
    await expect.poll(() => page.locator("mark").count()).toBe(0);

    const text = (await reply.textContent()) ?? "";
    const words: string[] = text.toLowerCase().match(/[a-z0-9']+/g) ?? [];
    const marks = (await page.evaluate(() => (window as unknown as { marks: { word: string }[] }).marks)).map(
      (mark) => mark.word.toLowerCase(),
    );
    // A mark is put back at once where the reply's text was rewritten under it (its turn recorded): one word.
    const marked = marks
      .filter((word) => word !== "")
      .filter((word, index, all) => index === 0 || all[index - 1] !== word);
    // It moved along the reply: many different words, each one of the reply's, in the order they are said.
    expect(new Set(marked).size, JSON.stringify(marks)).toBeGreaterThan(10);
    let position = -1;
    for (const word of marked) {
      const next = words.indexOf(word, position + 1);
      expect(next, `"${word}" after word ${position} of ${JSON.stringify(words)}`).toBeGreaterThan(position);
      position = next;
    }
    // It reached the last words, then went.
    expect(position).toBeGreaterThanOrEqual(words.length - 3);
    expect(marks.at(-1)).toBe("");
    // The reply reads the same with the marks come and gone.
    expect(text).toMatch(/^I'm Sam\. /);
    await page.close();
  });
});
