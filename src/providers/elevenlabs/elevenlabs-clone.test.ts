import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp } from "../../app/app.js";
import { runCli, tempDataDir } from "../../cli/test-support/run-cli.js";
import { parseConfig } from "../../config.js";
import { buildServer } from "../../server/app-server.js";
import { espeakSample, sampleFolder } from "../../voice/test-support/voice-samples.js";
import { type FakeElevenLabs, startFakeElevenLabs } from "./test-support/fake-elevenlabs.js";

describe("a twin's voice cloned by ElevenLabs", { timeout: 60_000 }, () => {
  let fake: FakeElevenLabs;
  let samples: string;
  let sample: string;
  beforeAll(async () => {
    fake = await startFakeElevenLabs();
    samples = await sampleFolder();
    sample = await espeakSample(samples, "espeakLow");
  });
  afterAll(async () => {
    await fake.close();
    rmSync(samples, { recursive: true, force: true });
  });

  it("aitwin twin voice --clone: the sample goes to instant cloning, the twin speaks elevenlabs:<id>", async () => {
    const dataDir = tempDataDir();
    try {
      const env = { ELEVENLABS_API_KEY: fake.key, ELEVENLABS_BASE_URL: fake.baseURL };
      const cloned = await runCli(
        dataDir,
        ["twin", "voice", "--sample", sample, "--clone", "--json"],
        "",
        env,
      );
      expect(cloned.stderr).toBe("");
      const { voice } = JSON.parse(cloned.stdout);
      expect(voice).toMatch(/^elevenlabs:clone\d+x\d+$/);
      const upload = fake.requests.find((request) => request.path === "/v1/voices/add");
      expect(upload?.form?.files[0]?.size).toBe(readFileSync(sample).length);

      const spoken = join(dataDir, "me.wav");
      const speak = await runCli(
        dataDir,
        ["speak", "It is really me.", "-o", spoken, "--voice", voice],
        "",
        env,
      );
      expect(speak.code).toBe(0);
      expect(fake.requests.at(-1)?.path).toBe(
        `/v1/text-to-speech/${voice.slice("elevenlabs:".length)}/with-timestamps?output_format=pcm_16000`,
      );

      const keyless = await runCli(dataDir, ["twin", "voice", "--sample", sample, "--clone"]);
      expect(keyless.code).toBe(78);
      expect(keyless.stderr).toMatch(/^aitwin: cloning a voice needs ElevenLabs: set ELEVENLABS_API_KEY/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("the page's route clones too, lists the cloud voices beside the local ones, and the twin speaks with the clone", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "aitwin-clone-"));
    const app = await openApp(
      parseConfig({
        AITWIN_DATA_DIR: dataDir,
        ELEVENLABS_API_KEY: fake.key,
        ELEVENLABS_BASE_URL: fake.baseURL,
      }),
    );
    const server = await buildServer(app);
    try {
      const cloned = await server.inject({
        method: "POST",
        url: "/api/twins/default/voice/sample?clone=elevenlabs",
        payload: readFileSync(sample),
        headers: { "content-type": "audio/wav" },
      });
      expect(cloned.statusCode).toBe(200);
      const voice = cloned.json().voice as string;
      expect(cloned.json().twin.voice).toEqual({ id: voice });
      const voices = (await server.inject({ url: "/api/voices" })).json();
      expect(voices.provider).toBe("elevenlabs");
      expect(voices.voices.map((each: { id: string }) => each.id)).toEqual(
        expect.arrayContaining(["slt", "elevenlabs:21m00Tcm4TlvDq8ikWAM", voice]),
      );
      const said = await server.inject({
        method: "POST",
        url: "/api/twins/default/speech",
        payload: { text: "Hello." },
      });
      expect(said.statusCode).toBe(200);
      expect(said.json().speech.timeline.words).toEqual([expect.objectContaining({ text: "Hello" })]);
      expect(fake.requests.at(-1)?.path).toContain(
        `/v1/text-to-speech/${voice.slice("elevenlabs:".length)}/`,
      );
    } finally {
      await server.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
