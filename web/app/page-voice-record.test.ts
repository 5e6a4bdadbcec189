import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAudio } from "../../src/audio-input/decode-audio.js";
import { espeakSample, sampleFolder } from "../../src/voice/test-support/voice-samples.js";
import { measureVoiceSample } from "../../src/voice/voice-sample.js";
import { encodeWav } from "../../src/voice/wav.js";
import { launchChromium, type PageServer, startPageServer } from "./test-support/page-harness.js";

let site: PageServer;
let browser: Browser | undefined;
let microphone: string;
let samples: string;

beforeAll(async () => {
  site = await startPageServer();
  samples = await sampleFolder();
  // A stand-in person reading the passage, as 16 kHz mono WAV: what Chromium's fake microphone plays (looping).
  const reading = await espeakSample(samples, "espeakFemale");
  microphone = join(samples, "microphone.wav");
  writeFileSync(microphone, encodeWav(await decodeAudio(reading)));
  browser = await launchChromium(microphone);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("recording a voice sample on the page", { timeout: 180_000 }, () => {
  it("records the microphone after consent, and the twin's voice is tuned to the recording", async () => {
    const page = await (browser as Browser).newPage();
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    await page.locator("summary", { hasText: "Your voice" }).click();
    const record = page.getByRole("button", { name: "Record" });
    expect(await record.isDisabled()).toBe(true);
    await page.getByLabel("This is my own voice, and I agree to my twin speaking with it").check();
    await record.click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Recording");
    // 18 s of the reading, past the 15 s a sample needs.
    await page.waitForTimeout(18_000);
    const upload = page.waitForResponse((response) => response.url().includes("/voice/sample"), {
      timeout: 150_000,
    });
    await page.getByRole("button", { name: "Stop" }).click();
    const answer = await upload;
    expect(answer.request().headers()["content-type"]).toMatch(/^audio\/webm/);
    expect(answer.status()).toBe(200);
    const { sample, voice } = (await answer.json()) as { sample: { pitchMean: number }; voice: string };
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toBe("Your twin speaks with your voice now: compare Before and After");
    // What the server heard through the recording is the speaker: the female voice's pitch, so slt is tuned to it.
    const original = await measureVoiceSample(join(samples, "microphone.wav"));
    expect(Math.abs(sample.pitchMean / original.pitchMean - 1)).toBeLessThan(0.1);
    expect(voice).toMatch(/^slt,pitch=\d+/);
    const twin = (await (await fetch(`${site.base}/api/twins/default`)).json()) as { voice: { id: string } };
    expect(twin.voice.id).toBe(voice);
    await page.close();
  });
});
