/**
 * What finding the face in uploaded photos costs the rest of the server (issue 14): /api/twins p99 at 100 req/s,
 * measured idle, then while 512² portraits are uploaded one after another and landmarked on the server's face
 * thread (the default), then while they are landmarked on the event loop (the old way), all in this run.
 */

import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import sharp from "sharp";
import { ASTRONAUT_PHOTO } from "../src/avatar/node/test-support/fixtures.js";
import { startBenchSite } from "./bench-site.js";
import type { BenchSuite } from "./suite.js";
import { median } from "./suite.js";

/** Distinct photos (the store landmarks a photo once, by content): more than a measurement can upload. */
const VARIANTS = 60;
const SECONDS = 5;

async function variants(): Promise<Buffer[]> {
  const original = readFileSync(ASTRONAUT_PHOTO);
  return Promise.all(
    Array.from({ length: VARIANTS }, (_, index) =>
      sharp(original)
        .modulate({ brightness: 0.9 + index / (VARIANTS * 5) })
        .png()
        .toBuffer(),
    ),
  );
}

interface Figures {
  apiP99: number;
  /** Upload → answer of each photo, landmarking included. */
  uploadP50: number;
  uploads: number;
}

async function measure(photos: Buffer[] | undefined, faceThread: boolean): Promise<Figures> {
  const site = await startBenchSite("photos", {}, { faceThread });
  const upload = async (photo: Buffer) => {
    const form = new FormData();
    form.append("photo", new Blob([photo], { type: "image/png" }), "face.png");
    const started = performance.now();
    const response = await fetch(`${site.base}/api/twins/default/photo`, { method: "POST", body: form });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`a photo upload answered ${response.status}`);
    return performance.now() - started;
  };
  try {
    // Warm-up: the detector's models load at its first photo, on whichever thread it runs.
    const [first, ...rest] = photos ?? [];
    if (first) await upload(first);
    let uploading = photos !== undefined;
    const times: number[] = [];
    const uploader = (async () => {
      for (const photo of rest) {
        if (!uploading) break;
        times.push(await upload(photo));
      }
    })();
    const api = await autocannon({
      url: `${site.base}/api/twins`,
      connections: 4,
      overallRate: 100,
      duration: SECONDS,
    });
    uploading = false;
    await uploader;
    if (api.non2xx || api.errors) throw new Error(`${api.non2xx + api.errors} API requests failed`);
    if (photos && times.length + 1 >= photos.length)
      throw new Error("the photos ran out before the measurement");
    return { apiP99: api.latency.p99, uploadP50: median(times), uploads: times.length };
  } finally {
    await site.close();
  }
}

export const photoContentionSuite: BenchSuite = {
  name: "face-thread",
  async run(report) {
    const photos = await variants();
    const idle = await measure(undefined, true);
    const threaded = await measure(photos, true);
    const inLoop = await measure(photos, false);
    const ratio = (value: number) => `${(value / Math.max(1, idle.apiP99)).toFixed(2)}× idle`;
    const uploads = (figures: Figures) =>
      `${figures.uploads} photos, upload p50 ${figures.uploadP50.toFixed(0)} ms`;
    report(`While 512² photos are uploaded back to back (100 req/s of /api/twins for ${SECONDS} s):`);
    report(`  idle: /api/twins p99 ${idle.apiP99} ms`);
    report(
      `  faces found on the face thread: /api/twins p99 ${threaded.apiP99} ms (${ratio(threaded.apiP99)}; ${uploads(threaded)})`,
    );
    report(
      `  faces found on the event loop (before): /api/twins p99 ${inLoop.apiP99} ms (${ratio(inLoop.apiP99)}; ${uploads(inLoop)})`,
    );
  },
};
