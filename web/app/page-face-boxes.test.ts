import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASTRONAUT_PHOTO } from "../../src/avatar/node/test-support/fixtures.js";
import { launchChromium, type PageServer, startPageServer } from "./test-support/page-harness.js";

let site: PageServer;
let browser: Browser;
const scratch = mkdtempSync(join(tmpdir(), "aitwin-page-faces-"));

beforeAll(async () => {
  site = await startPageServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("a photo with several faces on the page", { timeout: 90_000 }, () => {
  it("shows a box over each face, and the one clicked becomes the face that talks", async () => {
    const astronaut = await readFile(ASTRONAUT_PHOTO);
    const small = await sharp(astronaut).resize(256, 256).toBuffer();
    const group = join(scratch, "group.png");
    writeFileSync(
      group,
      await sharp({ create: { width: 1024, height: 512, channels: 3, background: "#dddddd" } })
        .composite([
          { input: astronaut, left: 0, top: 0 },
          { input: small, left: 700, top: 128 },
        ])
        .png()
        .toBuffer(),
    );
    const page = await browser.newPage();
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    const avatar = () =>
      page.getByRole("img", { name: "avatar" }).evaluate((canvas) => {
        const element = canvas as HTMLCanvasElement;
        const data = (element.getContext("2d") as CanvasRenderingContext2D).getImageData(0, 0, 64, 64).data;
        return Array.from(data);
      });
    await page.getByLabel("Photo").setInputFiles(group);
    const boxes = page.getByRole("group", { name: "Faces to choose from" });
    await boxes.getByRole("button", { name: "Face 2" }).waitFor();
    expect(await boxes.getByRole("button", { name: "Face 1" }).getAttribute("aria-pressed")).toBe("true");
    const largest = await avatar();

    await boxes.getByRole("button", { name: "Face 2" }).click();
    await expect
      .poll(async () => (await (await fetch(`${site.base}/api/twins/default`)).json()).face.face)
      .toBe(1);
    await expect
      .poll(() => boxes.getByRole("button", { name: "Face 2" }).getAttribute("aria-pressed"))
      .toBe("true");
    // The frame is now cut around the other face: its corner shows other pixels.
    await expect.poll(async () => JSON.stringify(await avatar()) !== JSON.stringify(largest)).toBe(true);
  });
});
