import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { READING_PASSAGE } from "../../src/voice/reading-passage.js";
import { espeakSample, generatedSound, sampleFolder } from "../../src/voice/test-support/voice-samples.js";
import { launchChromium, type PageServer, startPageServer } from "./test-support/page-harness.js";

let site: PageServer;
let browser: Browser;
let samples: string;

beforeAll(async () => {
  site = await startPageServer();
  browser = await launchChromium();
  samples = await sampleFolder();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("the page's voice sample", { timeout: 120_000 }, () => {
  it("shows the passage, asks for consent, tunes the twin's voice to an uploaded sample and keeps it", async () => {
    const page = await browser.newPage();
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    await page.locator("summary", { hasText: "Your voice" }).click();
    await expect.poll(() => page.locator("#voice-passage").textContent()).toBe(READING_PASSAGE);
    const file = page.getByLabel("Voice sample");
    expect(await file.isDisabled()).toBe(true);
    await page.getByLabel("This is my own voice, and I agree to my twin speaking with it").check();

    await file.setInputFiles(
      await generatedSound(samples, "chord", "sine=frequency=220:sample_rate=16000", 20),
    );
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("sounds like music");

    await file.setInputFiles(await espeakSample(samples, "espeakFemale"));
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: 90_000 })
      .toBe("Your twin speaks with your voice now: compare Before and After");
    const twin = (await (await fetch(`${site.base}/api/twins/default`)).json()) as { voice: { id: string } };
    expect(twin.voice.id).toMatch(/^slt,pitch=\d+/);
    expect(await page.getByLabel("Voice", { exact: true }).inputValue()).toBe(twin.voice.id);
    await expect.poll(() => page.getByRole("button", { name: "After" }).isVisible()).toBe(true);
    const spoken = page.waitForResponse((response) => response.url().endsWith("/api/twins/default/speech"));
    await page.getByRole("button", { name: "Before" }).click();
    expect((await spoken).status()).toBe(200);
  });
});
