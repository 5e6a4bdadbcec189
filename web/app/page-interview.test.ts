import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeWav, encodeWav } from "../../src/voice/wav.js";
import { launchChromium, type PageServer, runAitwin, startPageServer } from "./test-support/page-harness.js";

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

    const interview = page.getByRole("button", { name: "Interview", exact: true });
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
    // The newest facts, at the end, are in view.
    await expect
      .poll(() => facts.evaluate((box) => box.scrollTop + box.clientHeight >= box.scrollHeight - 2))
      .toBe(true);
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

describe("the page's Interview mode by voice", { timeout: 90_000 }, () => {
  it("takes a spoken answer through Talk as the answer to the twin's question, not as a new turn", async (context) => {
    const recognition = await fetch(`${site.base}/api/transcriptions`);
    if (!((await recognition.json()) as { available: boolean }).available) {
      context.skip("no speech-to-text provider here (apt install pocketsphinx pocketsphinx-en-us)");
      return;
    }
    const scratch = mkdtempSync(join(tmpdir(), "aitwin-interview-voice-"));
    const spoken = join(scratch, "spoken.wav");
    await runAitwin(site.dataDir, ["speak", "I like reading books and walking by the sea.", "-o", spoken]);
    const clip = decodeWav(await readFile(spoken));
    // Quiet before and after the words, so end-of-speech detection has a pause to find.
    const samples = new Int16Array(clip.samples.length + 2.5 * clip.sampleRate);
    samples.set(clip.samples, Math.round(0.4 * clip.sampleRate));
    const microphone = join(scratch, "answer.wav");
    writeFileSync(microphone, encodeWav({ sampleRate: clip.sampleRate, samples }));
    const micBrowser = await launchChromium(microphone);
    try {
      const page = await micBrowser.newPage();
      const requests: string[] = [];
      page.on("request", (request) =>
        requests.push(`${request.method()} ${new URL(request.url()).pathname}`),
      );
      await page.goto(site.base);
      await page.locator("#app[data-ready]").waitFor();
      await page.getByRole("button", { name: "Interview", exact: true }).click();
      const twinTurns = page.locator("#turns > li.twin .text");
      await expect.poll(() => twinTurns.count()).toBe(1);
      const first = await twinTurns.first().textContent();

      await page.getByRole("button", { name: "Talk" }).click();
      const answer = page.locator("#turns > li.user .text").first();
      await expect.poll(() => answer.textContent(), { timeout: 20_000 }).toMatch(/\w/);
      await expect.poll(() => twinTurns.count(), { timeout: 10_000 }).toBe(2);
      expect(await twinTurns.nth(1).textContent()).not.toBe(first);
      expect(requests).toContain("POST /api/twins/default/interview/answers");
      expect(requests.filter((each) => /^POST \/api\/conversations\/[^/]+\/turns$/.test(each))).toEqual([]);
      await page.close();
    } finally {
      await micBrowser.close();
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
