import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Part } from "../core/parts.js";
import { createDidRenderer } from "../providers/d-id/did-renderer.js";
import { DidWebhooks } from "../providers/d-id/did-webhooks.js";
import { DID_KEY, PHOTO, PHOTO_ID } from "../providers/d-id/test-support/did-test-fixtures.js";
import { type FakeDid, startFakeDid } from "../providers/d-id/test-support/fake-did.js";
import { AnswerVideos } from "./answer-videos.js";
import type { CommandOutput } from "./output.js";

/** `aitwin chat --video` on D-ID: the answers are rendered there, in the twin's own ElevenLabs voice. */
describe("answer videos on D-ID", () => {
  let fake: FakeDid;
  let dir: string;
  beforeEach(async () => {
    fake = await startFakeDid({ apiKey: DID_KEY });
    dir = mkdtempSync(join(tmpdir(), "aitwin-answers-"));
    writeFileSync(join(dir, `${PHOTO_ID}.jpg`), PHOTO);
  });
  afterEach(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives D-ID the twin's ElevenLabs voice for the answer's text", async () => {
    const renderer = createDidRenderer({
      apiKey: DID_KEY,
      baseURL: fake.baseURL,
      mediaDir: dir,
      webhooks: new DidWebhooks(),
      sleep: async () => {},
      polling: { sleep: async () => {} },
    });
    const face = { kind: "photo", mediaId: PHOTO_ID } as const;
    const videos = new AnswerVideos(
      renderer,
      face,
      join(dir, "answers"),
      undefined,
      "elevenlabs:clone1x4000",
    );
    const clip = (seconds: number) => ({ sampleRate: 16_000, samples: new Int16Array(seconds * 16_000) });
    const timeline = (ms: number) => ({ duration: ms, words: [], visemes: [] });
    const parts: Part[] = [
      { type: "text-delta", text: "Hello there, I am your twin." },
      { type: "sentence-complete", index: 0, text: "Hello there, I am your twin." },
      { type: "visemes-ready", index: 0, timeline: timeline(1000) },
      { type: "audio-chunk", index: 0, audio: clip(1) },
      { type: "visemes-ready", index: 0, timeline: timeline(2000) },
      { type: "audio-chunk", index: 0, audio: clip(2) },
    ];
    for (const part of parts) videos.add(part);
    const said: string[] = [];
    const output: CommandOutput = { out: (text) => said.push(text), err: (text) => said.push(text) };
    await videos.write(output);
    const [talk] = [...fake.talks.values()];
    expect(talk?.script).toMatchObject({
      type: "text",
      input: "Hello there, I am your twin.",
      provider: { type: "elevenlabs", voice_id: "clone1x4000" },
    });
    expect(readdirSync(join(dir, "answers")).filter((name) => name.endsWith(".mp4"))).toHaveLength(1);
    expect(said.join("")).toMatch(/aitwin: wrote .*answer-.*\.mp4/);
  });
});
