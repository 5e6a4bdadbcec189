import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runFfmpeg } from "../../audio-input/ffmpeg.js";
import { librivoxRecordings } from "../../audio-input/test-support/recordings.js";
import { parseConfig } from "../../config.js";
import { selectProvider } from "../../providers/select.js";
import { encodeWav } from "../../voice/wav.js";
import { runCli, tempDataDir } from "../test-support/run-cli.js";

const work = mkdtempSync(join(tmpdir(), "aitwin-transcribe-"));

describe("aitwin transcribe", () => {
  it("transcribes a recording and reports the word error rate as JSON", async () => {
    const recording = librivoxRecordings()[3];
    if (!recording) throw new Error("no recording");
    const result = await runCli(tempDataDir(), [
      "transcribe",
      recording.path,
      "--json",
      "--reference",
      recording.reference,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const transcript = JSON.parse(result.stdout);
    expect(transcript).toMatchObject({ provider: "pocketsphinx", model: expect.any(String) });
    expect(transcript.text).toMatch(/married .* woman/);
    expect(transcript.wordErrorRate).toBeLessThan(0.4);
    expect(transcript.durationMs).toBeGreaterThan(2000);
  });

  it("transcribes a synthesised sentence saved as an MP3, printing the words and the error rate", async () => {
    const dataDir = tempDataDir();
    const synthesizer = await selectProvider("speech", parseConfig({ AITWIN_DATA_DIR: dataDir }));
    if (!synthesizer) throw new Error("no speech synthesiser is registered");
    const sentence = "good morning my name is ada";
    const speech = await synthesizer.synthesize({ text: sentence });
    writeFileSync(join(work, "sentence.wav"), encodeWav(speech.audio));
    await runFfmpeg([
      "-y",
      "-i",
      join(work, "sentence.wav"),
      "-ac",
      "2",
      "-c:a",
      "libmp3lame",
      join(work, "sentence.mp3"),
    ]);
    const result = await runCli(dataDir, ["transcribe", join(work, "sentence.mp3"), "--reference", sentence]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split(/\s+/).length).toBeGreaterThan(2);
    expect(result.stderr).toMatch(/^word error rate \d+\.\d% \(pocketsphinx\)\n$/);
  });

  it("refuses bad audio with exit code 2 and one line", async () => {
    writeFileSync(join(work, "empty.wav"), "");
    writeFileSync(join(work, "notes.wav"), "these are not sounds");
    await runFfmpeg([
      "-y",
      "-f",
      "lavfi",
      "-i",
      "anullsrc=r=8000:cl=mono",
      "-t",
      "600",
      "-c:a",
      "flac",
      join(work, "long.flac"),
    ]);
    const cases: [string, RegExp][] = [
      [join(work, "empty.wav"), /not audio that can be decoded|empty/],
      [join(work, "notes.wav"), /not audio that can be decoded/],
      [join(work, "long.flac"), /longer than the limit of 5 minutes/],
      [join(work, "absent.wav"), /cannot read .*absent\.wav/],
    ];
    const dataDir = tempDataDir();
    for (const [file, reason] of cases) {
      const result = await runCli(dataDir, ["transcribe", file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(reason);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
