import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { FirefoxPage } from "./firefox.js";

/** What this Firefox's audio can do here, measured in a blank page right after launch. */
export interface FirefoxAudio {
  /** An AudioContext starts running and its clock advances at about real-time pace. */
  output: boolean;
  /** The (fake) microphone's samples reach an AudioContext: not all zero. */
  microphone: boolean;
  /** What stands in for a sound card here, in words. */
  device: string;
  /** The AudioContext clock's pace against performance.now() over ~0.5 s (1 is real time), when it ran. */
  pace?: number;
}

// Runs in the page: a context that does not start within 8 s never will (ESR 140 with no sound device stays
// "suspended" for good), so that is the verdict rather than a hang. The pace only rules out a clock that is not
// playing (ALSA's null device, for one, "plays" about 100 times faster than real time); a loaded machine's is near 1.
const AUDIO_PROBE = `(async () => {
  const settle = (promise, ms) => Promise.race([promise.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);
  const context = new AudioContext();
  try {
    const started = await settle(context.resume(), 8000);
    if (!started || context.state !== "running") return { output: false, microphone: false };
    const clock0 = context.currentTime, wall0 = performance.now();
    await new Promise((r) => setTimeout(r, 500));
    const pace = ((context.currentTime - clock0) * 1000) / (performance.now() - wall0);
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const analyser = context.createAnalyser();
    context.createMediaStreamSource(stream).connect(analyser);
    await new Promise((r) => setTimeout(r, 300));
    const samples = new Float32Array(analyser.fftSize);
    analyser.getFloatTimeDomainData(samples);
    for (const track of stream.getTracks()) track.stop();
    return { output: pace > 0.25 && pace < 4, microphone: samples.some((sample) => Math.abs(sample) > 0.001), pace };
  } finally {
    void context.close();
  }
})()`;

/** Runs the probe in an empty page on loopback: the microphone exists only in secure contexts, not on about:blank. */
export async function probeAudio(page: FirefoxPage): Promise<Omit<FirefoxAudio, "device">> {
  const server = createServer((_, response) => {
    response.setHeader("content-type", "text/html");
    response.end("<!doctype html><title>audio probe</title>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return await page.evaluate(AUDIO_PROBE);
  } finally {
    server.closeAllConnections();
    server.close();
    await page.goto("about:blank");
  }
}
