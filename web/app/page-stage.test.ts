import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { encodeWav } from "../../src/voice/wav.js";
import { launchChromium, type PageServer, startPageServer } from "./test-support/page-harness.js";

// `window.__aitwin` is declared by page-conversation.test.ts.
declare global {
  interface Window {
    /** Set by `watchStatus`: status lines seen while the twin's audio played, and how many samples were taken. */
    __statusWhileSpeaking: { seen: string[]; samples: number };
  }
}

let site: PageServer;
let browser: Browser;
const scratch = mkdtempSync(join(tmpdir(), "aitwin-page-stage-"));

beforeAll(async () => {
  site = await startPageServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const openPage = async (on: Browser, options: Parameters<Browser["newPage"]>[0] = {}) => {
  const page = await on.newPage(options);
  await page.goto(site.base);
  await page.locator("#app[data-ready]").waitFor();
  await page.getByRole("button", { name: "New conversation" }).click();
  return page;
};
const status = (page: Page) => page.getByRole("status").textContent();
const badge = (page: Page) => page.locator("#stage-state");
const ask = async (page: Page, text: string) => {
  await page.getByLabel("Message").fill(text);
  await page.getByRole("button", { name: "Send" }).click();
};

/** Samples the status line every animation frame while the reply's audio plays. */
const watchStatus = (page: Page) =>
  page.evaluate(() => {
    const record = { seen: [] as string[], samples: 0 };
    window.__statusWhileSpeaking = record;
    const sample = () => {
      if (window.__aitwin.speaking()) {
        record.samples++;
        const text = document.getElementById("status")?.textContent ?? "";
        if (!record.seen.includes(text)) record.seen.push(text);
      }
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });

describe("the stage's one true state", { timeout: 120_000 }, () => {
  it("says Speaking for as long as a short answer is heard, with Stop shown, and Ready only after", async () => {
    const page = await openPage(browser);
    await watchStatus(page);
    await ask(page, "Hello!");
    await page.waitForFunction(() => window.__aitwin.speaking());
    expect(await badge(page).textContent()).toBe("Speaking");
    expect(await page.getByRole("button", { name: "Stop" }).isVisible()).toBe(true);
    await page.waitForFunction(() => !window.__aitwin.speaking(), undefined, { timeout: 30_000 });
    await expect.poll(() => status(page)).toBe("Ready");
    const record = await page.evaluate(() => window.__statusWhileSpeaking);
    expect(record.samples).toBeGreaterThan(3);
    expect(record.seen).toEqual(["Speaking"]);
    expect(await badge(page).isHidden()).toBe(true);
    expect(await page.getByRole("button", { name: "Stop" }).isHidden()).toBe(true);
    await page.close();
  });

  it("stops the twin with the Stop button and with Escape", async () => {
    const page = await openPage(browser);
    const interrupts: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/interrupt")) interrupts.push(request.method());
    });
    const long = "Tell me about yourself and everything you can do for me, please.";
    await ask(page, long);
    await page.waitForFunction(() => window.__aitwin.speaking());
    await page.getByRole("button", { name: "Stop" }).click();
    await page.waitForFunction(() => !window.__aitwin.speaking());
    await expect.poll(() => status(page)).toBe("Ready");
    expect(interrupts).toEqual(["POST"]);

    await ask(page, long);
    await page.waitForFunction(() => window.__aitwin.speaking());
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !window.__aitwin.speaking());
    await expect.poll(() => status(page)).toBe("Ready");
    expect(interrupts).toEqual(["POST", "POST"]);
    await page.close();
  });

  it("keeps a message that cannot be sent, with Retry, while the server is down, and sends it once it is back", async () => {
    const page = await openPage(browser);
    // Whatever fails here, the server is back for the tests after this one.
    onTestFinished(() => site.up());
    await site.down();
    await expect.poll(() => status(page), { timeout: 15_000 }).toMatch(/^Can't reach the server/);
    await ask(page, "Who are you?");
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/^Not sent: Can't reach/);
    expect(await page.getByLabel("Message").inputValue()).toBe("Who are you?");
    expect(await page.locator("#turns > li").count()).toBe(0);

    await site.up();
    // The page finds the server again by itself: the state is back to Ready, not stuck.
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe("Ready");
    await page.getByRole("button", { name: "Retry" }).click();
    const turns = page.locator("#turns > li");
    await expect.poll(() => turns.nth(0).locator(".text").textContent()).toBe("Who are you?");
    await expect.poll(() => turns.nth(1).locator(".text").textContent(), { timeout: 20_000 }).toMatch(/Sam/);
    expect(await page.getByLabel("Message").inputValue()).toBe("");
    expect(await page.getByRole("alert").isHidden()).toBe(true);
    await page.close();
  });

  it("shows what a turn taught or forgot in the Memories panel without a reload", async () => {
    const page = await openPage(browser);
    const memories = page.locator("#memories > li");
    await ask(page, "Remember that my favourite colour is green");
    await expect
      .poll(() => memories.allTextContents(), { timeout: 20_000 })
      .toContainEqual(expect.stringMatching(/favourite colour is green/));
    await ask(page, "Forget that my favourite colour is green");
    await expect
      .poll(async () => (await memories.allTextContents()).join("|"), { timeout: 20_000 })
      .not.toMatch(/colour is green/);
    await page.close();
  });

  it("takes back a New conversation with Undo", async () => {
    const page = await openPage(browser);
    await ask(page, "Who are you?");
    const turns = page.locator("#turns > li");
    await expect.poll(() => turns.count(), { timeout: 20_000 }).toBe(2);
    await page.getByRole("button", { name: "New conversation" }).click();
    await expect.poll(() => turns.count()).toBe(0);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => turns.count()).toBe(2);
    expect(await turns.nth(0).locator(".text").textContent()).toBe("Who are you?");
    await page.reload();
    await page.locator("#app[data-ready]").waitFor();
    await expect.poll(() => turns.count()).toBe(2);
    await page.close();
  });

  it("keeps the face in view on a phone while the conversation grows below it", async () => {
    const page = await openPage(browser, {
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const turns = page.locator("#turns > li");
    for (const [index, question] of ["Who are you?", "What can you do?", "Where do you live?"].entries()) {
      await ask(page, question);
      await expect.poll(() => turns.count(), { timeout: 20_000 }).toBe(2 * (index + 1));
    }
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    const box = await page.getByRole("img", { name: "avatar" }).boundingBox();
    expect(box).not.toBeNull();
    expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(740);
    // The newest answer, scrolled to as it arrives, is seen below the face, not under it.
    await page.evaluate(() => window.scrollTo(0, 0));
    await turns.last().scrollIntoViewIfNeeded();
    const face = await page.getByRole("img", { name: "avatar" }).boundingBox();
    const last = await turns.last().boundingBox();
    expect(face?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect(last?.y ?? 0).toBeGreaterThanOrEqual((face?.y ?? 0) + (face?.height ?? 0));
    expect((last?.y ?? 0) + (last?.height ?? 0)).toBeLessThanOrEqual(740);
    await page.close();
  });
});

describe("the layout", { timeout: 60_000 }, () => {
  it("reads, and tabs, from the face to the conversation to the persona panel", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    const left = async (selector: string) => (await page.locator(selector).boundingBox())?.x ?? -1;
    const [stage, history, panel] = [await left("#stage"), await left("#history"), await left("#panel")];
    expect(stage).toBeLessThan(history);
    expect(history).toBeLessThan(panel);
    // The keyboard meets them in the same order.
    const order = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("button, input, select, textarea")]
        .filter((element) => element.offsetParent !== null)
        .map((element) => element.closest("#stage, #history, #panel")?.id ?? ""),
    );
    const firsts = ["stage", "history", "panel"].map((id) => order.indexOf(id));
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    await page.close();
  });
});

describe("the Talk button from the keyboard", { timeout: 90_000 }, () => {
  it("listens while Space is held and stops when it is released", async () => {
    // A steady hum with no pause: only the key decides when listening ends, and the level meter has a level.
    const hum = join(scratch, "hum.wav");
    const samples = Int16Array.from({ length: 16_000 * 8 }, (_, index) =>
      Math.round(6000 * Math.sin((2 * Math.PI * 220 * index) / 16_000)),
    );
    writeFileSync(hum, encodeWav({ sampleRate: 16_000, samples }));
    const micBrowser = await launchChromium(hum);
    try {
      const page = await openPage(micBrowser);
      const talk = page.locator("#talk");
      await talk.focus();
      await page.keyboard.down("Space");
      await expect.poll(() => talk.getAttribute("aria-pressed")).toBe("true");
      expect(await badge(page).textContent()).toBe("Listening…");
      expect(await talk.textContent()).toBe("Listening…");
      const meter = page.getByRole("meter", { name: "Microphone level" });
      await expect
        .poll(() => meter.evaluate((element) => (element as HTMLMeterElement).value))
        .toBeGreaterThan(0.2);
      await page.waitForTimeout(500);
      expect(await talk.getAttribute("aria-pressed")).toBe("true");
      await page.keyboard.up("Space");
      await expect.poll(() => talk.getAttribute("aria-pressed")).toBe("false");
      expect(await talk.textContent()).toBe("Talk");
      expect(await page.locator("#level").isHidden()).toBe(true);
      await page.close();
    } finally {
      await micBrowser.close();
    }
  });

  it("says in plain words when the microphone cannot be used", async () => {
    // The browser refuses the microphone, as it does when the person blocks it. (Left to headless Chromium, the
    // refusal of an unanswered prompt can take longer than the test waits.)
    const context = await browser.newContext();
    await context.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
    });
    const page = await context.newPage();
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    const talk = page.locator("#talk");
    expect(await talk.isDisabled()).toBe(false);
    await talk.click();
    await expect
      .poll(() => page.getByRole("alert").textContent(), { timeout: 15_000 })
      .toMatch(/microphone|type/i);
    const said = (await page.getByRole("alert").textContent()) ?? "";
    expect(said).not.toMatch(/worklet|DOMException|NotAllowedError/);
    await expect.poll(() => talk.getAttribute("aria-pressed")).toBe("false");
    expect(said).toMatch(/blocked/);
    expect(await status(page)).not.toBe("Listening…");
    await context.close();
  });
});
