import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type PageServer, startPageServer } from "./test-support/page-harness.js";

/** The page's test hook (main.ts), as the page sees it. */
type TestHook = { __aitwin: { speakingFrames(): number } };

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

describe("the page's Interview mode in Chromium", { timeout: 90_000 }, () => {
  it("asks aloud, learns typed answers as facts in the Persona panel, and the twin then answers from them", async () => {
    const page = await browser.newPage();
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    const turns = page.locator("#turns > li");
    const lastTwinTurn = () => page.locator("#turns > li.twin").last().locator(".text").textContent();
    const answer = async (text: string) => {
      await page.getByLabel("Message").fill(text);
      await page.getByRole("button", { name: "Send" }).click();
    };

    const interview = page.getByRole("button", { name: "Interview" });
    await interview.click();
    await expect.poll(lastTwinTurn).toBe("What's your name?");
    expect(await interview.getAttribute("aria-pressed")).toBe("true");
    // The question is spoken: the face moves its lips to it.
    await page.waitForFunction(() => (window as unknown as TestHook).__aitwin.speakingFrames() > 2);

    await answer("I'm Ana");
    await expect.poll(lastTwinTurn).toBe("Where do you live?");
    await expect.poll(() => page.locator("#twin-name").textContent()).toBe("Ana");
    await answer("Lisbon");
    await expect.poll(lastTwinTurn).toBe("Where did you grow up?");
    await answer("skip");
    await expect.poll(lastTwinTurn).toBe("What do you do for work?");
    await answer("nurse");
    await expect.poll(lastTwinTurn).toBe("What do you like most about your work?");

    const learned = page.locator("#turns > li.learned .text");
    expect(await learned.allTextContents()).toEqual(["name: Ana", "I live in Lisbon.", "I work as a nurse."]);
    const facts = page.getByLabel("Facts (one a line)");
    await expect.poll(() => facts.isVisible()).toBe(true);
    const lines = (await facts.inputValue()).split("\n");
    expect(lines.slice(-2)).toEqual(["I live in Lisbon.", "I work as a nurse."]);
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Ana");

    await answer("stop");
    await expect.poll(() => interview.getAttribute("aria-pressed")).toBe("false");
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Interview stopped");
    const before = await turns.count();

    // Out of the interview, the Message box talks to the twin again, which now knows where it lives.
    await answer("Where do you live?");
    await expect.poll(() => turns.count()).toBe(before + 2);
    await expect.poll(lastTwinTurn).toBe("I live in Lisbon.");
    await page.close();
  });
});
