import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ASTRONAUT_PHOTO } from "../../avatar/node/test-support/fixtures.js";
import { decodeGreyFrames } from "../../providers/local-avatar/test-support/mp4-inspection.js";
import { startTestServer, type TestServer } from "../../server/test-support/test-server.js";

/** The server with the astronaut uploaded by `POST /images`, for tests of what a talk's `config` does to its video. */
export interface PhotoTalkSite {
  server: TestServer;
  /** `POST /talks` of a short line on the astronaut at `size` px and 25 fps, with more `config`. */
  post(config: Record<string, unknown>): Promise<Response>;
  /** The talk once it is done or failed (polled, as a D-ID client does). */
  finished(id: string): Promise<Record<string, unknown>>;
  /** The done talk's MP4, downloaded and decoded to grey frames. */
  frames(talk: Record<string, unknown>): Promise<Uint8Array[]>;
  close(): Promise<void>;
}

export async function startPhotoTalkSite(size: number): Promise<PhotoTalkSite> {
  const server = await startTestServer({ listen: true, env: { AITWIN_ALLOW_PRIVATE_URLS: "1" } });
  const base = server.base as string;
  const form = new FormData();
  form.append("image", new Blob([readFileSync(ASTRONAUT_PHOTO)], { type: "image/png" }), "face.png");
  const upload = await fetch(`${base}/images`, { method: "POST", body: form });
  const sourceUrl = ((await upload.json()) as { url: string }).url;
  return {
    server,
    post: (config) =>
      fetch(`${base}/talks`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          source_url: sourceUrl,
          script: { type: "text", input: "Well, hello there. What a lovely day it is." },
          config: { size, fps: 25, ...config },
        }),
      }),
    async finished(id) {
      for (let tries = 0; tries < 300; tries++) {
        const talk = (await (await fetch(`${base}/talks/${id}`)).json()) as Record<string, unknown>;
        if (talk.status === "done" || talk.status === "error") return talk;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`talk ${id} did not finish`);
    },
    async frames(talk) {
      const path = join(server.dataDir, `${talk.id as string}.mp4`);
      writeFileSync(path, Buffer.from(await (await fetch(talk.result_url as string)).arrayBuffer()));
      return decodeGreyFrames(path, size, size);
    },
    close: () => server.close(),
  };
}
