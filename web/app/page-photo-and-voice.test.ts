import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASTRONAUT_PHOTO } from "../../src/avatar/node/test-support/fixtures.js";
import type { AudioClip } from "../../src/core/audio.js";
import { decodeWav, encodeWav } from "../../src/voice/wav.js";
import { launchChromium, type PageServer, runAitwin, startPageServer } from "./test-support/page-harness.js";

let site: PageServer;
let browser: Browser;
const scratch = mkdtempSync(join(tmpdir(), "aitwin-page-files-"));

beforeAll(async () => {
  site = await startPageServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const openPage = async (on: Browser) => {
  const page = await on.newPage();
  await page.goto(site.base);
  await page.locator("#app[data-ready]").waitFor();
  return page;
};
const avatarPixels = (page: Page) =>
  page.getByRole("img", { name: "avatar" }).evaluate((canvas) => {
    const element = canvas as HTMLCanvasElement;
    const context = element.getContext("2d") as CanvasRenderingContext2D;
    return Array.from(context.getImageData(0, 0, element.width, element.height).data);
  });
const alert = (page: Page) => page.getByRole("alert");

describe("the page's photo face", { timeout: 150_000 }, () => {
  it("turns an uploaded portrait into the face at once, and explains photos it cannot use", async () => {
    const page = await openPage(browser);
    const before = await avatarPixels(page);
    const photo = page.getByLabel("Photo");

    const pdf = join(scratch, "holiday.jpg");
    writeFileSync(pdf, "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n");
    await photo.setInputFiles(pdf);
    await expect
      .poll(() => alert(page).textContent())
      .toBe(
        "That photo was not used: the file is not an image (expected a PNG, JPEG or WebP photo). Try a clear, front-facing photo of one face.",
      );
    // The refused photo ends "Finding the face in your photo…": the status line shows the state again.
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Ready");
    const sky = join(scratch, "sky.png");
    writeFileSync(
      sky,
      await sharp({ create: { width: 400, height: 400, channels: 3, background: "#5aa0dc" } })
        .png()
        .toBuffer(),
    );
    await photo.setInputFiles(sky);
    await expect
      .poll(() => alert(page).textContent())
      .toMatch(/^That photo was not used: no face found in the photo/);
    const huge = join(scratch, "huge.jpg");
    writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024));
    await photo.setInputFiles(huge);
    await expect
      .poll(() => alert(page).textContent())
      .toMatch(/^That photo was not used: the photo is 50 MB; the limit is 15 MB/);

    await photo.setInputFiles(ASTRONAUT_PHOTO);
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/^Your photo is the face now/);
    expect(await alert(page).isHidden()).toBe(true);
    const after = await avatarPixels(page);
    let changed = 0;
    for (let index = 0; index < before.length; index += 4) {
      if (Math.abs((before[index] ?? 0) - (after[index] ?? 0)) > 40) changed++;
    }
    // The illustrated face is replaced by the photo: most of the square changes, not just the mouth.
    expect(changed / (before.length / 4)).toBeGreaterThan(0.4);
    const twin = (await (await fetch(`${site.base}/api/twins/default`)).json()) as { face: { kind: string } };
    expect(twin.face.kind).toBe("photo");
    if (process.env.UPDATE_SCREENSHOTS) {
      const docs = fileURLToPath(new URL("../../docs/screenshots/page-photo.png", import.meta.url));
      writeFileSync(docs, await page.screenshot());
    }

    // The photo face survives a reload: it is the twin's face, not the page's.
    await page.reload();
    await page.locator("#app[data-ready]").waitFor();
    await expect.poll(async () => (await avatarPixels(page)).length).toBe(after.length);
    await page.close();
  });
});

describe("the page's photo drop", { timeout: 90_000 }, () => {
  it("takes a portrait dropped on the face", async () => {
    // Start from an illustrated face, whatever the test before left.
    await fetch(`${site.base}/api/twins/default`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ face: { kind: "illustrated", look: "midnight" } }),
    });
    const page = await openPage(browser);
    const before = await avatarPixels(page);
    const portrait = (await readFile(ASTRONAUT_PHOTO)).toString("base64");
    await page.locator("#stage").evaluate((stage, base64) => {
      const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], "me.png", { type: "image/png" }));
      stage.dispatchEvent(
        new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
      stage.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, portrait);
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/^Your photo is the face now/);
    const after = await avatarPixels(page);
    let changed = 0;
    for (let index = 0; index < before.length; index += 4) {
      if (Math.abs((before[index] ?? 0) - (after[index] ?? 0)) > 40) changed++;
    }
    expect(changed / (before.length / 4)).toBeGreaterThan(0.4);
    await page.close();
  });
});

describe("the page's microphone", { timeout: 90_000 }, () => {
  it("hears a spoken question through Chromium's fake microphone and answers it", async (context) => {
    const recognition = await fetch(`${site.base}/api/transcriptions`);
    if (!((await recognition.json()) as { available: boolean }).available) {
      context.skip("no speech-to-text provider here (apt install pocketsphinx pocketsphinx-en-us)");
      return;
    }
    const spoken = join(scratch, "spoken.wav");
    await runAitwin(site.dataDir, ["speak", "What is your name?", "-o", spoken]);
    const wav = join(scratch, "question.wav");
    writeFileSync(wav, encodeWav(withSilence(decodeWav(await readFile(spoken)), 0.4, 2)));
    const micBrowser = await launchChromium(wav);
    try {
      const page = await openPage(micBrowser);
      const speechRequests: string[] = [];
      page.on("request", (request) => {
        const path = new URL(request.url()).pathname;
        if (path.startsWith("/api/transcriptions")) speechRequests.push(`${request.method()} ${path}`);
      });
      await page.getByRole("button", { name: "Talk" }).click();
      const turns = page.locator("#turns > li");
      await expect
        .poll(() => turns.nth(0).locator(".text").textContent(), { timeout: 20_000 })
        .toMatch(/name/i);
      await expect.poll(() => turns.nth(1).locator(".who").textContent(), { timeout: 10_000 }).toBe("Sam");
      // A recogniser loaded when Talk was pressed; streamed while spoken: opened, sent in several 250 ms chunks,
      // ended; never uploaded as one recording.
      const [prepared, opened, ...rest] = speechRequests;
      expect(prepared).toBe("POST /api/transcriptions/streams/prepare");
      expect(opened).toBe("POST /api/transcriptions/streams");
      const chunks = rest.filter((each) =>
        /^POST \/api\/transcriptions\/streams\/stt_\w+\/audio$/.test(each),
      );
      expect(chunks.length).toBeGreaterThan(4);
      expect(rest.at(-1)).toMatch(/^POST \/api\/transcriptions\/streams\/stt_\w+\/end$/);
      expect(speechRequests).not.toContain("POST /api/transcriptions");
      await page.close();
    } finally {
      await micBrowser.close();
    }
  });
});

/** Quiet before and after the words, so end-of-speech detection has a pause to find. */
function withSilence(clip: AudioClip, beforeSeconds: number, afterSeconds: number): AudioClip {
  const before = Math.round(beforeSeconds * clip.sampleRate);
  const samples = new Int16Array(before + clip.samples.length + Math.round(afterSeconds * clip.sampleRate));
  samples.set(clip.samples, before);
  return { sampleRate: clip.sampleRate, samples };
}
