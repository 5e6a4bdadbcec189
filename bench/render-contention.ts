/**
 * What a talk rendering in the server's own process costs everyone else (issue 14): /api/twins p99 under light load
 * and typed turn → first audio p50 in the page, measured idle, then while a 512² photo talk renders in a worker
 * thread (the default), then while it renders on the event loop (the old way), all in this run.
 */

import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import type { Browser, Page } from "playwright-core";
import { ASTRONAUT_PHOTO } from "../src/avatar/node/test-support/fixtures.js";
import { launchChromium } from "../web/app/test-support/page-harness.js";
import { type BenchSite, startBenchSite } from "./bench-site.js";
import { median } from "./suite.js";

const TURNS = 5;
/** About two and a half minutes of speech: the render outlasts the measurements. */
const LONG_TALK = Array.from(
  { length: 30 },
  (_, index) =>
    `This is sentence number ${index + 1} of a long talk that keeps the renderer busy for a while.`,
).join(" ");

interface Figures {
  apiP99: number;
  firstAudioP50: number;
  /** Whether the talk was still rendering when the measurements ended (they mean nothing otherwise). */
  stillRendering: boolean;
}

interface PageHooks {
  __aitwin: { speaking(): boolean; metrics(): { sentAt: number; firstAudioAt: number } };
}

async function firstAudio(page: Page, question: string): Promise<number> {
  await page.getByLabel("Message").fill(question);
  await page.waitForFunction(() => !(globalThis as unknown as PageHooks).__aitwin.speaking());
  await page.waitForTimeout(150);
  await page.getByRole("button", { name: "Send" }).click();
  await page.waitForFunction(() => (globalThis as unknown as PageHooks).__aitwin.metrics().firstAudioAt > 0);
  const marks = await page.evaluate(() => (globalThis as unknown as PageHooks).__aitwin.metrics());
  return marks.firstAudioAt - marks.sentAt;
}

async function startTalk(site: BenchSite): Promise<string> {
  const form = new FormData();
  form.append("image", new Blob([readFileSync(ASTRONAUT_PHOTO)], { type: "image/png" }), "face.png");
  const image = (await (await fetch(`${site.base}/images`, { method: "POST", body: form })).json()) as {
    url: string;
  };
  const created = await fetch(`${site.base}/talks`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      source_url: image.url,
      script: { type: "text", input: LONG_TALK },
      config: { result_format: "mp4" },
    }),
  });
  const { id } = (await created.json()) as { id: string };
  if (!id) throw new Error(`the talk was not created (HTTP ${created.status})`);
  for (let wait = 0; wait < 600 && (await status(site, id)) !== "started"; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return id;
}

async function status(site: BenchSite, id: string): Promise<string> {
  const talk = (await (await fetch(`${site.base}/talks/${id}`)).json()) as { status: string };
  return talk.status;
}

async function measure(browser: Browser, renderThreads: boolean | undefined): Promise<Figures> {
  const site = await startBenchSite("render", {}, { talks: { renderThreads: renderThreads ?? true } });
  try {
    const page = await browser.newPage();
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    await firstAudio(page, "Hi!"); // warm-up: first synthesis and decode
    const talk = renderThreads === undefined ? undefined : await startTalk(site);
    const api = await autocannon({
      url: `${site.base}/api/twins`,
      connections: 4,
      overallRate: 100,
      duration: 4,
    });
    const audio: number[] = [];
    for (let turn = 0; turn < TURNS; turn++) audio.push(await firstAudio(page, "Where are you from?"));
    const stillRendering = talk === undefined || (await status(site, talk)) === "started";
    await page.close();
    return { apiP99: api.latency.p99, firstAudioP50: median(audio), stillRendering };
  } finally {
    await site.close();
  }
}

export async function renderContention(report: (line: string) => void): Promise<void> {
  const browser = await launchChromium();
  try {
    const idle = await measure(browser, undefined);
    const threaded = await measure(browser, true);
    const inLoop = await measure(browser, false);
    const ratio = (value: number, base: number) => `${(value / Math.max(1, base)).toFixed(2)}×`;
    const note = (figures: Figures) =>
      figures.stillRendering ? "" : " (the render ended before the turns did)";
    report("While a 512² photo talk renders in this server (100 req/s of /api/twins, then 5 typed turns):");
    report(`  idle: /api/twins p99 ${idle.apiP99} ms, first audio p50 ${idle.firstAudioP50.toFixed(0)} ms`);
    report(
      `  render in a worker thread: /api/twins p99 ${threaded.apiP99} ms (${ratio(threaded.apiP99, idle.apiP99)} idle, target ≤ 2×), first audio p50 ${threaded.firstAudioP50.toFixed(0)} ms (${ratio(threaded.firstAudioP50, idle.firstAudioP50)}, target ≤ 1.5×)${note(threaded)}`,
    );
    report(
      `  render on the event loop (before): /api/twins p99 ${inLoop.apiP99} ms (${ratio(inLoop.apiP99, idle.apiP99)}), first audio p50 ${inLoop.firstAudioP50.toFixed(0)} ms (${ratio(inLoop.firstAudioP50, idle.firstAudioP50)})${note(inLoop)}`,
    );
  } finally {
    await browser.close();
  }
}
