import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../config.js";
import { ProviderError } from "../../core/errors.js";
import { whisperBinaryInstalled } from "./whisper-binding.js";
import { whisperCppCandidate } from "./whisper-candidate.js";
import { findWhisperModel } from "./whisper-models.js";
import { WhisperCppTranscriber } from "./whisper-transcriber.js";

function modelsDir(files: string[]): string {
  const dataDir = mkdtempSync(join(tmpdir(), "aitwin-whisper-"));
  mkdirSync(join(dataDir, "models"));
  for (const file of files) writeFileSync(join(dataDir, "models", file), "not a real model");
  return dataDir;
}

describe("whisper.cpp models", () => {
  it("prefers base.en, then tiny.en, and ignores other files", () => {
    const dir = join(modelsDir(["ggml-tiny.en.bin", "ggml-base.en.bin", "notes.txt", "x.gguf"]), "models");
    expect(findWhisperModel(dir)).toBe(join(dir, "ggml-base.en.bin"));
    const onlyTiny = join(modelsDir(["ggml-tiny.en.bin", "ggml-silero-v5.1.2.bin"]), "models");
    expect(findWhisperModel(onlyTiny)).toBe(join(onlyTiny, "ggml-tiny.en.bin"));
    expect(findWhisperModel("/nonexistent")).toBeUndefined();
  });
});

describe("whisper.cpp candidate", () => {
  it("has the prebuilt binary installed", () => {
    expect(whisperBinaryInstalled()).toBe(true);
  });

  it("is unavailable without a ggml model, and says where it looked", async () => {
    const config = parseConfig({ AITWIN_DATA_DIR: modelsDir([]) });
    const availability = await whisperCppCandidate.check(config);
    expect(availability.available).toBe(false);
    expect(availability.reason).toContain(`no ggml model in ${config.modelsDir}`);
  });

  it("is available with a model, and loading a file that is not one fails clearly", async () => {
    const config = parseConfig({ AITWIN_DATA_DIR: modelsDir(["ggml-tiny.en.bin"]) });
    expect(await whisperCppCandidate.check(config)).toMatchObject({ available: true });
    const transcriber = (await whisperCppCandidate.create(config)) as WhisperCppTranscriber;
    expect(transcriber.modelId).toBe("tiny.en");
    const speech = { sampleRate: 16_000, samples: new Int16Array(16_000).fill(1000) };
    const error = await transcriber.transcribe(speech).catch((caught) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toMatch(/cannot load .*ggml-tiny\.en\.bin as a whisper ggml model/);
  });

  it("reports silence without loading the model", async () => {
    const transcriber = new WhisperCppTranscriber({ modelPath: "/nonexistent/ggml-base.en.bin" });
    const transcript = await transcriber.transcribe({ sampleRate: 16_000, samples: new Int16Array() });
    expect(transcript).toEqual({ text: "", words: [], durationMs: 0 });
  });
});
