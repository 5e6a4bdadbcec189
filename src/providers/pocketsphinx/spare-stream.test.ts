import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TESTDATA } from "../../audio-input/test-support/recordings.js";
import { findPocketsphinx } from "./pocketsphinx-install.js";
import { PocketsphinxTranscriber } from "./pocketsphinx-transcriber.js";

const lookup = findPocketsphinx();
if (!lookup.found) throw new Error(lookup.reason);
const { install } = lookup;
const speech = new Int16Array(new Uint8Array(readFileSync(`${TESTDATA}/goforward.raw`)).buffer);

/** This process's recognisers running now, by process id (each live stream and spare is one). */
const recognizers = () =>
  new Set(
    execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter(
        ([, parent, ...command]) =>
          Number(parent) === process.pid && command.join(" ").includes("pocketsphinx"),
      )
      .map(([pid]) => Number(pid)),
  );

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const stop = Date.now() + ms;
  while (!check() && Date.now() < stop) await new Promise((resolve) => setTimeout(resolve, 50));
  return check();
}

describe("a recogniser loaded ahead for the next live stream", () => {
  it("is loaded once a stream ends, taken by the next stream (which hears as well), and let go when idle", async () => {
    const transcriber = new PocketsphinxTranscriber(install, { delayMs: 100, idleMs: 1500 });
    const before = recognizers();
    expect(before.size).toBe(0);
    // The first stream starts cold; nothing waits beside it.
    const first = transcriber.openStream();
    expect(transcriber.spareReady).toBe(false);
    first.write(speech);
    expect((await first.finish()).text).toBe("go forward ten meters");
    expect(await until(() => transcriber.spareReady, 5000)).toBe(true);
    const spares = [...recognizers()].filter((pid) => !before.has(pid));
    expect(spares).toHaveLength(1);

    // The next stream runs on that very process, and hears as a fresh one would.
    const second = transcriber.openStream();
    expect(transcriber.spareReady).toBe(false);
    expect([...recognizers()].filter((pid) => !before.has(pid))).toEqual(spares);
    second.write(speech);
    expect((await second.finish()).text).toBe("go forward ten meters");

    // The spare loaded after it is let go when nobody takes it.
    expect(await until(() => transcriber.spareReady, 5000)).toBe(true);
    expect(await until(() => !transcriber.spareReady, 5000)).toBe(true);
    expect(await until(() => [...recognizers()].filter((pid) => !before.has(pid)).length === 0, 5000)).toBe(
      true,
    );
  }, 60_000);

  it("is loaded at once when asked, before any stream, and the first stream runs on it", async () => {
    // The spare after a stream comes only after 30 s here: the one this test sees is the one asked for.
    const transcriber = new PocketsphinxTranscriber(install, { delayMs: 30_000, idleMs: 2000 });
    const before = recognizers();
    transcriber.prepareStream();
    expect(await until(() => transcriber.spareReady, 5000)).toBe(true);
    const spares = [...recognizers()].filter((pid) => !before.has(pid));
    expect(spares).toHaveLength(1);
    const first = transcriber.openStream();
    expect([...recognizers()].filter((pid) => !before.has(pid))).toEqual(spares);
    first.write(speech);
    expect((await first.finish()).text).toBe("go forward ten meters");
  }, 60_000);

  it("loads the next one after a cancelled stream too, and a spare that died is not handed out", async () => {
    const transcriber = new PocketsphinxTranscriber(install, { delayMs: 50, idleMs: 60_000 });
    transcriber.openStream().cancel();
    expect(await until(() => transcriber.spareReady, 5000)).toBe(true);
    const spare = [...recognizers()].at(-1);
    if (spare) process.kill(spare, "SIGKILL");
    expect(await until(() => !transcriber.spareReady, 5000)).toBe(true);
    const stream = transcriber.openStream();
    stream.write(speech);
    expect((await stream.finish()).text).toBe("go forward ten meters");
    // Whatever waits now is let go with the test.
    await until(() => transcriber.spareReady, 5000);
    transcriber.openStream().cancel();
  }, 60_000);
});
