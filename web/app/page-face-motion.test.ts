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

describe("the persona panel's face motion", { timeout: 90_000 }, () => {
  it("saves the twin's mood and motion controls, and shows them again after a reload", async () => {
    const page = await browser.newPage();
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    await page.getByText("Persona", { exact: true }).click();
    await page.getByLabel("Mood").selectOption("happy");
    await page.getByLabel("Blink rate").fill("0");
    await page.getByLabel("Stillness").fill("0.8");
    await page.getByRole("button", { name: "Save persona" }).click();
    await expect
      .poll(async () => (await (await fetch(`${site.base}/api/twins/default`)).json()).motion)
      .toEqual({ mood: "happy", headMotion: 1, blinkRate: 0, expressiveness: 1, stillness: 0.8 });

    await page.reload();
    await page.locator("#app[data-ready]").waitFor();
    await page.getByText("Persona", { exact: true }).click();
    expect(await page.getByLabel("Mood").inputValue()).toBe("happy");
    expect(await page.getByLabel("Stillness").inputValue()).toBe("0.8");
    expect(await page.getByLabel("Blink rate").inputValue()).toBe("0");
  });
});
