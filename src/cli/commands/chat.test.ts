import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFliteSynthesizer } from "../../providers/flite/flite-synthesizer.js";
import { decodeWav } from "../../voice/wav.js";
import { runCli, tempDataDir } from "../test-support/run-cli.js";

describe("aitwin chat", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDataDir();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("holds a multi-turn conversation from piped input and exits cleanly at the end of input", async () => {
    const input = [
      "hello",
      "remember that my favourite food is ramen",
      "",
      "What is your favourite food?",
      "thanks",
    ];
    const result = await runCli(dataDir, ["chat"], `${input.join("\n")}\n`);
    expect(result.code).toBe(0);
    const replies = result.stdout.trim().split("\n");
    expect(replies).toHaveLength(4);
    expect(replies[0]).toMatch(/^Sam> (Hi|Hey)/);
    expect(replies[1]).toBe("Sam> Got it. I'll remember that my favourite food is ramen.");
    expect(replies[2]).toBe("Sam> My favourite food is ramen.");
    expect(replies[3]).toMatch(/^Sam> (You're welcome|Anytime)/);
  });

  it("keeps going after a bad line and stops at /quit", async () => {
    const result = await runCli(dataDir, ["chat"], `${"x".repeat(4100)}\nhi\n/quit\nnever read\n`);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/limit is 4000/);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("continues an earlier conversation by id", async () => {
    await runCli(dataDir, ["chat"], "hello\n");
    const again = await runCli(dataDir, ["chat", "--conversation", "conv_missing"], "hi\n");
    expect(again.code).toBe(3);
  });

  it("speaks each reply through the system's audio player", async () => {
    // A stand-in for sox's `play` that keeps what it was given to play.
    const bin = join(dataDir, "bin");
    const heard = join(dataDir, "heard");
    mkdirSync(bin);
    mkdirSync(heard);
    writeFileSync(join(bin, "play"), `#!/bin/sh\ncat > "${heard}/$(date +%s%N).wav"\n`);
    chmodSync(join(bin, "play"), 0o755);
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}:${savedPath}`;
    try {
      const result = await runCli(dataDir, ["chat"], "Who are you?\n");
      expect(result.code).toBe(0);
    } finally {
      process.env.PATH = savedPath;
    }
    const clips = readdirSync(heard)
      .sort()
      .map((file) => decodeWav(readFileSync(join(heard, file))));
    // "I'm Sam." and the two sentences of the biography, one clip each, in order.
    expect(clips.length).toBeGreaterThanOrEqual(3);
    for (const clip of clips) expect(clip.samples.length / clip.sampleRate).toBeGreaterThan(0.3);
  });
});

describe("aitwin chat by voice", () => {
  it("hears a spoken question through the recorder, transcribes it and answers", async () => {
    const dataDir = tempDataDir();
    const speech = await createFliteSynthesizer().synthesize({
      text: "Hello. What is your name?",
      voice: "rms",
    });
    // One utterance then two seconds of silence, as the microphone would give it (16 kHz raw PCM).
    const pcm = new Int16Array(speech.audio.samples.length + 32000);
    pcm.set(speech.audio.samples);
    const bin = join(dataDir, "bin");
    mkdirSync(bin);
    writeFileSync(join(dataDir, "spoken.raw"), pcm);
    // A stand-in for sox's `rec`: plays the recording into the pipe, then ends like an unplugged device.
    writeFileSync(join(bin, "rec"), `#!/bin/sh\ncat "${join(dataDir, "spoken.raw")}"\n`);
    chmodSync(join(bin, "rec"), 0o755);
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}:${savedPath}`;
    try {
      const result = await runCli(dataDir, ["chat", "--no-voice"], "", {}, true);
      expect(result.stdout).toMatch(/listening \(pocketsphinx\)/);
      expect(result.stdout).toMatch(/you> .*name/i);
      expect(result.stdout).toContain("Sam> ");
    } finally {
      process.env.PATH = savedPath;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("aitwin chat --video", () => {
  it("writes each spoken answer as an MP4 talk whose length matches the speech", async () => {
    const dataDir = tempDataDir();
    const videos = join(dataDir, "videos");
    try {
      const result = await runCli(
        dataDir,
        ["chat", "--no-voice", "--video", videos],
        "What's your name?\nthanks\n",
      );
      expect(result.code).toBe(0);
      const written = readdirSync(videos).filter((name) => name.endsWith(".mp4"));
      expect(written).toHaveLength(2);
      expect(result.stderr.match(/aitwin: wrote .*answer-.*\.mp4/g)).toHaveLength(2);
      const first = readFileSync(join(videos, written.sort()[0] ?? ""));
      expect(first.subarray(4, 8).toString("latin1")).toBe("ftyp");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
