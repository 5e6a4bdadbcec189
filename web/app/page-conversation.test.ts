import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probe } from "../../src/providers/local-avatar/test-support/mp4-inspection.js";
import type { TurnMetrics } from "./conversation-controller.js";
import { launchChromium, type PageServer, startPageServer } from "./test-support/page-harness.js";

declare global {
  interface Window {
    __aitwin: { audioTime(): number; speaking(): boolean; speakingFrames(): number; metrics(): TurnMetrics };
  }
}

/** `UPDATE_SCREENSHOTS=1` refreshes docs/screenshots/page-*.png. */
const screenshots = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));
const saveScreenshot = async (page: Page, name: string) => {
  const shot = await page.screenshot({ fullPage: false });
  expect(shot.byteLength).toBeGreaterThan(5000);
  if (process.env.UPDATE_SCREENSHOTS) writeFileSync(join(screenshots, name), shot);
};
const canvasPixels = (page: Page) =>
  page.getByRole("img", { name: "avatar" }).evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL());

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

describe("the web page in Chromium", { timeout: 90_000 }, () => {
  it("answers a typed question aloud with a moving face, and keeps the conversation across a reload", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Ready");
    await saveScreenshot(page, "page-idle.png");

    await page.getByLabel("Message").fill("Who are you?");
    await page.getByRole("button", { name: "Send" }).click();
    const turns = page.locator("#turns > li");
    await expect.poll(() => turns.nth(1).locator(".text").textContent()).toMatch(/^I'm Sam\./);

    // Audio starts: the page's audio clock runs and frames are drawn while the sentence plays.
    await page.waitForFunction(() => window.__aitwin.metrics().firstAudioAt > 0);
    const clockAtStart = await page.evaluate(() => window.__aitwin.audioTime());
    await page.waitForFunction((start) => window.__aitwin.audioTime() > start + 0.2, clockAtStart);
    await page.waitForFunction(() => window.__aitwin.speakingFrames() > 2);
    const frames = new Set<string>();
    for (let sample = 0; sample < 10 && frames.size < 2; sample++) {
      frames.add(await canvasPixels(page));
      await page.waitForTimeout(60);
    }
    expect(frames.size).toBe(2);
    await saveScreenshot(page, "page-speaking.png");

    await expect.poll(() => turns.nth(1).getByRole("button", { name: "Download as video" }).count()).toBe(1);
    await page.reload();
    await page.locator("#app[data-ready]").waitFor();
    await expect.poll(() => turns.count()).toBe(2);
    expect(await turns.nth(0).locator(".text").textContent()).toBe("Who are you?");
    expect(await turns.nth(1).locator(".text").textContent()).toMatch(/^I'm Sam\./);
    await page.close();
  });

  it("stops the twin at once when the person types while it talks (barge-in), then answers anew", async () => {
    const page = await browser.newPage();
    const interrupts: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/interrupt")) interrupts.push(request.method());
    });
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    await page.getByRole("button", { name: "New conversation" }).click();
    const message = page.getByLabel("Message");
    await message.fill("Tell me about yourself and what you can do for me.");
    await message.press("Enter");
    await page.waitForFunction(() => window.__aitwin.speaking());
    await message.pressSequentially("Th");
    await page.waitForFunction(() => !window.__aitwin.speaking());
    expect(interrupts).toEqual(["POST"]);
    await message.pressSequentially("anks!");
    await message.press("Enter");
    const turns = page.locator("#turns > li");
    await expect.poll(() => turns.nth(2).locator(".text").textContent()).toBe("Thanks!");
    await expect.poll(() => turns.count()).toBe(4);
    await page.waitForFunction(() => window.__aitwin.speaking());
    await page.close();
  });

  it("downloads an answer as an MP4 made by the talks API", async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    await page.getByRole("button", { name: "New conversation" }).click();
    await page.getByLabel("Message").fill("Hello!");
    await page.getByRole("button", { name: "Send" }).click();
    const answer = page.locator("#turns > li").nth(1);
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }),
      answer.getByRole("button", { name: "Download as video" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Sam-.+\.mp4$/);
    const video = await readFile(await download.path());
    expect(video.subarray(4, 8).toString("latin1")).toBe("ftyp");
    expect(video.byteLength).toBeGreaterThan(10_000);
    // At the size the page shows the face, not the talks API's default.
    const { streams } = await probe(await download.path());
    expect(streams.find((stream) => stream.codec_type === "video")).toMatchObject({
      width: 512,
      height: 512,
    });
    await page.close();
  }, 90_000);

  it("is usable from the keyboard and at phone width, and explains an empty message", async () => {
    const page = await browser.newPage({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await saveScreenshot(page, "page-phone.png");

    await page.getByLabel("Message").focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Send");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("Type a message first");
    expect((await fetch(`${site.base}/healthz`)).status).toBe(200);
    await page.close();
  });
});
