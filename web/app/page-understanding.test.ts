import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type PageServer, startPageServer } from "./test-support/page-harness.js";

let site: PageServer;
let browser: Browser;

beforeAll(async () => {
  site = await startPageServer();
  browser = await launchChromium();
  // The person has told their twin a few things; none shares a word with the question asked below.
  const response = await fetch(`${site.base}/api/twins/default`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      name: "Ingrid",
      persona: {
        biography: "I'm a marine biologist.",
        facts: ["I play the violin in a quartet.", "I grew up in Oslo."],
      },
    }),
  });
  expect(response.status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("the page shows why the twin said what it said", { timeout: 90_000 }, () => {
  it("answers by meaning and lists the fact it used under the reply", async () => {
    const page = await browser.newPage();
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    await page.getByLabel("Message").fill("Do you make music?");
    await page.getByRole("button", { name: "Send" }).click();
    const reply = page.locator("#turns > li.twin").last();
    await expect.poll(() => reply.locator(".text").textContent()).toContain("violin");
    const why = reply.locator("details.sources");
    await why.locator("summary").click();
    await expect
      .poll(() => why.locator("li").allTextContents())
      .toEqual(["I play the violin in a quartet. (a fact in my persona)"]);
    // `UPDATE_SCREENSHOTS=1` refreshes docs/screenshots/page-why.png.
    if (process.env.UPDATE_SCREENSHOTS) {
      const path = fileURLToPath(new URL("../../docs/screenshots/page-why.png", import.meta.url));
      writeFileSync(path, await page.screenshot());
    }

    // Nothing in the persona answers this: an honest reply, and no "why" to show.
    await page.getByLabel("Message").fill("What's your favourite colour?");
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => page.locator("#turns > li.twin").count()).toBe(2);
    const unknown = page.locator("#turns > li.twin").last();
    await expect.poll(() => unknown.locator(".text").textContent()).toMatch(/remember that/);
    await expect.poll(() => unknown.getByRole("button", { name: "Download as video" }).count()).toBe(1);
    expect(await unknown.locator("details.sources").count()).toBe(0);
    await page.close();
  });
});
