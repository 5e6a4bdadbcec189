import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAudio } from "../../audio-input/decode-audio.js";
import { READING_PASSAGE } from "../../voice/reading-passage.js";
import { espeakSample, generatedSound, sampleFolder } from "../../voice/test-support/voice-samples.js";
import { measureVoice } from "../../voice/voice-measures.js";
import { runCli, tempDataDir } from "../test-support/run-cli.js";

describe("aitwin twin voice", { timeout: 180_000 }, () => {
  let dataDir: string;
  let samples: string;
  beforeAll(async () => {
    dataDir = tempDataDir();
    samples = await sampleFolder();
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(samples, { recursive: true, force: true });
  });

  it("tunes a twin's voice to a sample, and `say --twin` then speaks with it", async () => {
    await runCli(dataDir, ["twin", "create", "Ada", "--id", "ada"]);
    const sample = await espeakSample(samples, "espeakLow");
    const tuned = await runCli(dataDir, ["twin", "voice", "ada", "--sample", sample, "--json"]);
    expect(tuned.stderr).toBe("");
    expect(tuned.code).toBe(0);
    const result = JSON.parse(tuned.stdout);
    expect(result).toMatchObject({ twin: "ada", base: "kal16", before: null });
    const shown = JSON.parse((await runCli(dataDir, ["twin", "show", "ada", "--json"])).stdout);
    expect(shown.voice).toEqual({ id: result.voice });

    const video = join(dataDir, "said.mp4");
    const said = await runCli(dataDir, ["say", READING_PASSAGE.slice(0, 240), "-o", video, "--twin", "ada"]);
    expect(said.code).toBe(0);
    const pitch = measureVoice(await decodeAudio(video)).measures.pitchMean;
    expect(Math.abs(pitch / result.sample.pitchMean - 1)).toBeLessThan(0.1);
  });

  it("`aitwin chat` then answers in the tuned voice", async () => {
    const shown = JSON.parse((await runCli(dataDir, ["twin", "show", "ada", "--json"])).stdout);
    const voice = shown.voice.id as string;
    const target = Number(/pitch=(\d+)/.exec(voice)?.[1]);
    const videos = join(dataDir, "answers");
    const chat = await runCli(
      dataDir,
      ["chat", "--twin", "ada", "--no-voice", "--video", videos],
      "Remember that I grew up in Porto and I love sailing on the river.\n",
    );
    expect(chat.code).toBe(0);
    const [answer] = readdirSync(videos).filter((name) => name.endsWith(".mp4"));
    const pitch = measureVoice(await decodeAudio(join(videos, answer ?? ""))).measures.pitchMean;
    expect(Math.abs(pitch / target - 1)).toBeLessThan(0.15);
  });

  it("prints the passage to read, and says in one line what is wrong with a bad sample", async () => {
    const passage = await runCli(dataDir, ["twin", "voice", "--passage"]);
    expect(passage.stdout).toBe(`${READING_PASSAGE}\n`);
    const missing = await runCli(dataDir, ["twin", "voice", "ada"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/^aitwin: --sample FILE is needed.*\n$/);
    const silence = await generatedSound(samples, "silence", "anullsrc=r=16000:cl=mono", 20);
    const silent = await runCli(dataDir, ["twin", "voice", "ada", "--sample", silence]);
    expect(silent).toEqual({
      code: 2,
      stdout: "",
      stderr: "aitwin: voice sample: it is silent (no sound was recorded)\n",
    });
    const absent = await runCli(dataDir, ["twin", "voice", "ada", "--sample", join(samples, "nothing.wav")]);
    expect(absent.code).not.toBe(0);
    expect(absent.stderr.trim().split("\n")).toHaveLength(1);
  });
});
