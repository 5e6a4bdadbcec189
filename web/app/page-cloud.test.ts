import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAi, startFakeOpenAi } from "../../src/providers/openai/test-support/fake-openai.js";
import { launchChromium, type PageServer, startPageServer } from "./test-support/page-harness.js";

let openai: FakeOpenAi;
let site: PageServer;
let browser: Browser;

beforeAll(async () => {
  openai = await startFakeOpenAi({
    apiKey: "sk-page-test",
    reply: () => "The cloud says hello. Nice to meet you.",
  });
  site = await startPageServer({ OPENAI_API_KEY: "sk-page-test", OPENAI_BASE_URL: openai.baseURL });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await openai?.close();
});

describe("the web page on OpenAI, configured by environment alone", { timeout: 90_000 }, () => {
  it("shows and speaks the cloud brain's reply, voiced by the cloud voice", async () => {
    const page = await browser.newPage();
    await page.goto(site.base);
    await page.locator("#app[data-ready]").waitFor();
    await page.getByLabel("Message").fill("Who are you?");
    await page.getByRole("button", { name: "Send" }).click();
    const reply = page.locator("#turns > li").nth(1).locator(".text");
    await expect
      .poll(() => reply.textContent(), { timeout: 15_000 })
      .toBe("The cloud says hello. Nice to meet you.");
    await page.waitForFunction(
      () => (window as unknown as { __aitwin: { audioTime(): number } }).__aitwin.audioTime() > 0.2,
    );
    const chat = openai.requests.find((request) => request.path === "/chat/completions");
    const messages = chat?.json?.messages as { role: string; content: string }[];
    expect(messages[0]?.content).toMatch(/^You are Sam\./);
    expect(messages.at(-1)).toEqual({ role: "user", content: "Who are you?" });
    // The second sentence is voiced while the first already plays: wait for it rather than race it.
    const spoken = () =>
      openai.requests.filter((request) => request.path === "/audio/speech").map((each) => each.json?.input);
    await expect.poll(spoken).toEqual(["The cloud says hello.", "Nice to meet you."]);
    await page.close();
  });
});
