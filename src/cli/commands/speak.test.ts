import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VISEMES } from "../../core/timeline.js";
import { runCli, tempDataDir } from "../test-support/run-cli.js";

describe("aitwin speak", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDataDir();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("writes a 16-bit mono WAV and a viseme timeline that lasts as long as it", async () => {
    const wav = join(dataDir, "out.wav");
    const timelinePath = join(dataDir, "out.json");
    const text = "Hello, I am your twin. I speak offline. Nice to meet you!";
    const result = await runCli(dataDir, [
      "speak",
      text,
      "-o",
      wav,
      "--voice",
      "rms",
      "--visemes",
      timelinePath,
    ]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(
      /^wrote .*out\.wav \(\d+\.\d s, voice rms\)\nwrote .*out\.json \(\d+ visemes\)\n$/,
    );
    const info = execFileSync("sox", ["--i", wav], { encoding: "utf8" });
    expect(info).toMatch(/Channels\s+: 1/);
    expect(info).toMatch(/Sample Rate\s+: 16000/);
    expect(info).toMatch(/16-bit Signed Integer PCM/);
    const seconds = Number(execFileSync("sox", ["--i", "-D", wav], { encoding: "utf8" }));
    // sox's "stat" effect reports on stderr: real speech, not silence or clipping noise.
    const stat = spawnSync("sox", [wav, "-n", "stat"], { encoding: "utf8" }).stderr;
    const amplitude = (name: string) => Number(new RegExp(`${name}\\s+amplitude:\\s+(\\S+)`).exec(stat)?.[1]);
    expect(amplitude("Maximum")).toBeGreaterThan(0.2);
    expect(amplitude("Maximum")).toBeLessThan(1);
    expect(amplitude("RMS")).toBeGreaterThan(0.02);
    const timeline = JSON.parse(readFileSync(timelinePath, "utf8"));
    expect(Math.abs(timeline.duration - seconds * 1000)).toBeLessThanOrEqual(1);
    expect(timeline.words.map((word: { text: string }) => word.text)).toEqual(
      text.replace(/[,.!]/g, "").split(" "),
    );
    const last = timeline.visemes.at(-1);
    expect(Math.abs(last.start + last.duration - timeline.duration)).toBeLessThanOrEqual(2);
    for (const viseme of timeline.visemes) expect(VISEMES).toContain(viseme.viseme);
  });

  it("lists voices as a table and as JSON", async () => {
    const table = await runCli(dataDir, ["speak", "--list-voices"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^id\s+gender\s+lang\s+name\n/);
    expect(table.stdout).toMatch(/\nslt\s+female\s+en-US/);
    const json = JSON.parse((await runCli(dataDir, ["speak", "--list-voices", "--json"])).stdout);
    expect(json.provider).toBe("flite");
    expect(json.voices.map((voice: { id: string }) => voice.id)).toEqual(["slt", "rms", "awb", "kal16"]);
  });

  it("speaks what it can of mixed text, says what it skipped, and reports JSON", async () => {
    const wav = join(dataDir, "mixed.wav");
    const result = await runCli(dataDir, ["speak", "--json", "Great news 🎉 today", "-o", wav]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ output: wav, sentences: 1, words: 3, skipped: ["🎉"] });
  });

  it.each([
    [["speak", "", "-o", "x.wav"], /^aitwin: text is empty\n$/],
    [["speak", "😀", "-o", "x.wav"], /^aitwin: nothing sayable: .*skipped: 😀\)\n$/],
    [["speak", "hello"], /^aitwin: say where to write the audio: -o OUT\.wav\n$/],
    [
      ["speak", "hello", "-o", "x.wav", "--voice", "nobody"],
      /^aitwin: unknown voice "nobody"; flite has: slt, rms, awb, kal16\n$/,
    ],
    [["speak", "hello", "-o", "x.wav", "--rate", "fast"], /^aitwin: rate must be between 0.5 and 2/],
    [
      ["speak", "hello", "-o", "/nonexistent-dir/x.wav"],
      /^aitwin: cannot write \/nonexistent-dir\/x\.wav: ENOENT\n$/,
    ],
  ])("refuses %j with one line and exit code 2", async (args, message) => {
    const result = await runCli(
      dataDir,
      args.map((arg) => (arg === "x.wav" ? join(dataDir, arg) : arg)),
    );
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
  });

  it("speaks long text by splitting it into sentences rather than refusing it", async () => {
    const wav = join(dataDir, "long.wav");
    const text = "This is one of many sentences in a long reply. ".repeat(110);
    expect(text.length).toBeGreaterThan(5000);
    const result = await runCli(dataDir, ["speak", "--json", text, "-o", wav, "--voice", "kal16"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ sentences: 110, words: 110 * 10 });
  });
});
