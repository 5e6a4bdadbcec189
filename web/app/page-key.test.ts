import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type PageServer, startPageServer } from "./test-support/page-harness.js";

const KEY = "page-owner-key-42";

let site: PageServer;
let browser: Browser;

beforeAll(async () => {
  site = await startPageServer({ AITWIN_API_KEY: KEY });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Issue 12: with the key checked on every matched route, the page still loads, asks for the key, and talks. */
describe("the web page with AITWIN_API_KEY set", { timeout: 90_000 }, () => {
  it("loads without the key, asks for it once, then answers over its event stream", async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on("response", (response) => {
      if (response.status() === 401) refused.push(new URL(response.url()).pathname);
    });
    await page.goto(site.base);
    const keyField = page.getByLabel("API key");
    await keyField.waitFor();
    // The page's own files were served; only its API calls met the lock.
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((path) => path.startsWith("/api/"))).toBe(true);

    await keyField.fill(KEY);
    await page.getByRole("button", { name: "Use key" }).click();
    await page.locator("#app[data-ready]").waitFor();
    refused.length = 0;
    await page.getByLabel("Message").fill("Who are you?");
    await page.getByRole("button", { name: "Send" }).click();
    // The reply reaches the page only through the conversation's EventSource, which carries the key as ?key=.
    const reply = page.locator("#turns > li").nth(1).locator(".text");
    await expect.poll(() => reply.textContent(), { timeout: 20_000 }).toMatch(/\w/);
    expect(refused).toEqual([]);
    await page.close();
  });
});
