import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeAudio } from "../../audio-input/decode-audio.js";
import { CARDS, librivoxRecordings } from "../../audio-input/test-support/recordings.js";
import { wordErrorRate } from "../../audio-input/word-error-rate.js";
import { parseConfig } from "../../config.js";
import { BadInputError } from "../../core/errors.js";
import { selectProvider } from "../select.js";
import { pocketsphinxCandidate } from "./pocketsphinx-candidate.js";
import { findPocketsphinx } from "./pocketsphinx-install.js";
import { parseCepstralMean, parsePocketsphinxOutput } from "./pocketsphinx-output.js";
import type { PocketsphinxTranscriber } from "./pocketsphinx-transcriber.js";

const config = parseConfig({ AITWIN_DATA_DIR: mkdtempSync(join(tmpdir(), "aitwin-sphinx-")) });

describe("pocketsphinx output", () => {
  it("joins the hypotheses and keeps timed words, with their posterior, without fillers or pronunciation variants", () => {
    const output = [
      "i've been up close",
      "<s> 0.000 0.030 0.99",
      "been(2) 0.110 0.320 0.01",
      "[NOISE] 0.4 0.5 1",
      "</s> 0.9 1.0 1",
      "five five",
      "five 1.2 1.5 0.9",
      "five 1.6 1.8 1.000100",
    ].join("\n");
    const transcript = parsePocketsphinxOutput(output, 1600);
    expect(transcript.text).toBe("i've been up close five five");
    expect(transcript.words).toEqual([
      { text: "been", start: 110, duration: 210, confidence: 0.01 },
      { text: "five", start: 1200, duration: 300, confidence: 0.9 },
      { text: "five", start: 1600, duration: 200, confidence: 1 },
    ]);
  });
});

describe("pocketsphinx log", () => {
  it("reads the last cepstral mean the recogniser settled on", () => {
    const log = [
      "INFO: cmn_live.c(120): Update from < 41.00 -5.29 -0.12 >",
      "INFO: cmn_live.c(138): Update to   < 60.14 -8.05  5.14 >",
      "INFO: cmn_live.c(138): Update to   < 52.32  5.25 -4.75 >",
    ].join("\n");
    expect(parseCepstralMean(log)).toEqual([52.32, 5.25, -4.75]);
    expect(parseCepstralMean("INFO: nothing here")).toBeUndefined();
  });
});

describe("pocketsphinx candidate", () => {
  it("says why it is unavailable when the binary is missing", async () => {
    expect(findPocketsphinx("/nonexistent")).toEqual({
      found: false,
      reason: expect.stringMatching(/pocketsphinx_continuous not found on PATH/),
    });
    expect(findPocketsphinx(undefined, "/nonexistent/model")).toMatchObject({
      found: false,
      reason: /no English model/,
    });
  });

  it("is available with Debian's package and model", async () => {
    expect(await pocketsphinxCandidate.check(config)).toMatchObject({ available: true });
  });
});

describe("pocketsphinx transcription", async () => {
  const transcriber = (await pocketsphinxCandidate.create(config)) as PocketsphinxTranscriber;

  it("recognises recorded speech (LibriVox, pocketsphinx-testdata)", async () => {
    const recording = librivoxRecordings()[1];
    if (!recording) throw new Error("no recording");
    const transcript = await transcriber.transcribe(await decodeAudio(recording.path));
    expect(wordErrorRate(recording.reference, transcript.text)).toBeLessThan(0.4);
    expect(transcript.words?.length).toBeGreaterThan(3);
    expect(transcript.durationMs).toBeGreaterThan(2000);
  });

  it("hears a short first utterance right: a file is heard with its own cepstral mean, a stream with the last one's", async () => {
    // Cold (the model's generic mean), plain pocketsphinx_continuous hears this card as "i've been up close".
    const card = await decodeAudio(CARDS[0] as string);
    expect((await transcriber.transcribe(card)).text).toBe("ten of clubs");
    const fresh = (await pocketsphinxCandidate.create(config)) as PocketsphinxTranscriber;
    const live = async () => {
      const stream = fresh.openStream();
      stream.write(card.samples);
      return stream.finish();
    };
    // Cold, the live stream mishears it too.
    expect((await live()).text).not.toBe("ten of clubs");
    expect((await live()).text).toBe("ten of clubs");
  });

  it("recognises a sentence from the project's own synthesiser", async () => {
    const synthesizer = await selectProvider("speech", config);
    if (!synthesizer) throw new Error("no speech synthesiser is registered");
    const sentence = "hello there how are you today";
    const speech = await synthesizer.synthesize({ text: sentence });
    const transcript = await transcriber.transcribe(speech.audio);
    expect(wordErrorRate(sentence, transcript.text)).toBeLessThan(0.7);
  });

  it("returns no words for silence, and refuses languages it does not know", async () => {
    const silence = { sampleRate: 16_000, samples: new Int16Array(16_000) };
    expect((await transcriber.transcribe(silence)).text).toBe("");
    await expect(transcriber.transcribe(silence, { language: "fr" })).rejects.toThrow(BadInputError);
  });
});
