/**
 * The web app's figures. In the browser (headless Chromium, the local stack): time from "Send" to the first audio
 * sample and to the first animated frame, against the 300 ms target and against what the same page measures in the
 * same run for a bare /healthz round trip and for the server's first streamed text. On the API: p99 latency of
 * reads at 500 requests/s (autocannon on loopback, 5 s) against /healthz at the same rate, and memory growth over
 * 10k requests. The server runs in this process, so autocannon competes with it for the same cores.
 */

import autocannon from "autocannon";
import type { Page } from "playwright-core";
import { buildWebApp } from "../web/app/build.js";
import { launchChromium } from "../web/app/test-support/page-harness.js";
import { type BenchSite, startBenchSite } from "./bench-site.js";
import { renderContention } from "./render-contention.js";
import { type BenchSuite, median, percentile } from "./suite.js";

const TURNS = 10;
const TARGET_MS = 300;
const QUESTIONS = ["Who are you?", "How are you?", "What can you do?", "Hello there!", "Where are you from?"];

interface Marks {
  sentAt: number;
  firstPartAt: number;
  firstAudioAt: number;
  firstFrameAt: number;
}

/**
 * What the page exposes for tests and this bench (web/app/main.ts); no DOM types here, so it is described. Functions
 * run in the page are serialised, so each names `globalThis` itself.
 */
interface PageHooks {
  __aitwin: { speaking(): boolean; metrics(): Marks };
  fetch(url: string): Promise<unknown>;
  performance: { now(): number };
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

async function oneTurn(page: Page, question: string): Promise<Marks> {
  const message = page.getByLabel("Message");
  // Typing cuts off the previous answer (barge-in); wait until the twin is quiet so turns do not overlap.
  await message.fill(question);
  await page.waitForFunction(() => !(globalThis as unknown as PageHooks).__aitwin.speaking());
  await page.waitForTimeout(200);
  await page.getByRole("button", { name: "Send" }).click();
  await page.waitForFunction(() => {
    const marks = (globalThis as unknown as PageHooks).__aitwin.metrics();
    return marks.firstFrameAt > 0 && marks.firstAudioAt > 0;
  });
  return page.evaluate(() => (globalThis as unknown as PageHooks).__aitwin.metrics());
}

type PageServer = BenchSite;

/** The page freshly bundled, served by the server in this process. */
async function startPageServer(): Promise<PageServer> {
  await buildWebApp();
  return startBenchSite("web");
}

async function turnLatency(site: PageServer, report: (line: string) => void): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    await oneTurn(page, "Hi!"); // warm-up: first synthesis, first decode
    const audio: number[] = [];
    const frame: number[] = [];
    const text: number[] = [];
    for (let turn = 0; turn < TURNS; turn++) {
      const marks = await oneTurn(page, QUESTIONS[turn % QUESTIONS.length] as string);
      audio.push(marks.firstAudioAt - marks.sentAt);
      frame.push(marks.firstFrameAt - marks.sentAt);
      text.push(marks.firstPartAt - marks.sentAt);
    }
    const healthz = await page.evaluate(async () => {
      const times: number[] = [];
      for (let round = 0; round < 20; round++) {
        const started = (globalThis as unknown as PageHooks).performance.now();
        await (globalThis as unknown as PageHooks).fetch("/healthz");
        times.push((globalThis as unknown as PageHooks).performance.now() - started);
      }
      return times;
    });
    const audioP50 = median(audio);
    report(
      `Send → first audio sample: p50 ${ms(audioP50)}, p90 ${ms(percentile(audio, 0.9))} (${TURNS} turns)`,
    );
    report(`Send → first animated frame: p50 ${ms(median(frame))}, p90 ${ms(percentile(frame, 0.9))}`);
    report(`  target p50 ≤ ${TARGET_MS} ms: first audio at ${(audioP50 / TARGET_MS).toFixed(2)}× the target`);
    report(
      `  baseline, same page: /healthz round trip p50 ${ms(median(healthz))}; first streamed text p50 ${ms(median(text))}`,
    );
    report(
      `  first audio = ${(audioP50 / median(text)).toFixed(1)}× the time to first text (synthesis + transfer + decode)`,
    );
  } finally {
    await browser.close();
  }
}

async function load(url: string, options: { overallRate?: number; duration?: number; amount?: number }) {
  const result = await autocannon({ url, connections: 20, ...options });
  // A figure over failed requests would flatter the server: refuse to report one.
  if (result.errors || result.non2xx) {
    throw new Error(`load on ${url}: ${result.errors} errors, ${result.non2xx} non-2xx responses`);
  }
  return result;
}

async function apiLoad(site: PageServer, report: (line: string) => void): Promise<void> {
  const conversation = await site.app.store.conversations.create("default");
  const reads = [`${site.base}/api/twins`, `${site.base}/api/conversations/${conversation.id}`];
  await load(`${site.base}/healthz`, { amount: 2000 }); // warm-up: JIT, sockets, route compilation
  const baseline = await load(`${site.base}/healthz`, { overallRate: 500, duration: 5 });
  report(`API at 500 req/s for 5 s: /healthz p99 ${baseline.latency.p99} ms (baseline)`);
  for (const url of reads) {
    const result = await load(url, { overallRate: 500, duration: 5 });
    const path = new URL(url).pathname;
    report(
      `  ${path}: p99 ${result.latency.p99} ms (target < 50 ms; ${(result.latency.p99 / Math.max(1, baseline.latency.p99)).toFixed(1)}× /healthz), ${result.requests.total} requests`,
    );
  }
  const before = process.memoryUsage();
  await load(reads[0] as string, { amount: 10_000 });
  const after = process.memoryUsage();
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  report(
    `memory over 10k reads: RSS ${mb(after.rss - before.rss)}, heap ${mb(after.heapUsed - before.heapUsed)} (target < 50 MB)`,
  );
}

export const webSuite: BenchSuite = {
  name: "web",
  async run(report) {
    const site = await startPageServer();
    try {
      await turnLatency(site, report);
      await apiLoad(site, report);
    } finally {
      await site.close();
    }
    await renderContention(report);
  },
};
