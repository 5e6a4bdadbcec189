import { describe, expect, it } from "vitest";
import { BadInputError, CancelledError } from "../../core/errors.js";
import { VISEMES } from "../../core/timeline.js";
import { createFliteSynthesizer } from "./flite-synthesizer.js";

const synthesizer = createFliteSynthesizer();

describe("flite synthesizer", () => {
  it("lists English voices, at least one female and one male", async () => {
    const voices = await synthesizer.voices();
    expect(voices.some((voice) => voice.gender === "female" && voice.language.startsWith("en"))).toBe(true);
    expect(voices.some((voice) => voice.gender === "male" && voice.language.startsWith("en"))).toBe(true);
  });

  it.each(["slt", "rms", "awb", "kal16"])(
    "speaks with voice %s: 16 kHz audio and a timeline covering it",
    async (voice) => {
      const { audio, timeline } = await synthesizer.synthesize({
        text: "Good morning, how are you today?",
        voice,
      });
      expect(audio.sampleRate).toBe(16000);
      const duration = (audio.samples.length / audio.sampleRate) * 1000;
      expect(duration).toBeGreaterThan(1200);
      expect(timeline.duration).toBe(Math.round(duration));
      expect(timeline.words.map((word) => word.text)).toEqual([
        "Good",
        "morning",
        "how",
        "are",
        "you",
        "today",
      ]);
      for (const [index, word] of timeline.words.entries()) {
        expect(word.duration).toBeGreaterThan(0);
        expect(word.start).toBeGreaterThanOrEqual(timeline.words[index - 1]?.start ?? 0);
        expect(word.start + word.duration).toBeLessThanOrEqual(timeline.duration);
      }
      // Visemes tile the clip: each starts where the last ended, from 0 to the end, opening and closing at rest.
      let cursor = 0;
      for (const viseme of timeline.visemes) {
        expect(VISEMES).toContain(viseme.viseme);
        expect(viseme.start).toBe(cursor);
        cursor += viseme.duration;
      }
      expect(Math.abs(cursor - timeline.duration)).toBeLessThanOrEqual(1);
      expect(timeline.visemes[0]?.viseme).toBe("sil");
      expect(timeline.visemes.at(-1)?.viseme).toBe("sil");
      expect(Math.max(...audio.samples)).toBeGreaterThan(3000);
    },
  );

  it("speaks faster at a higher rate", async () => {
    const text = "This sentence is spoken at two speeds.";
    const normal = await synthesizer.synthesize({ text, voice: "rms" });
    const fast = await synthesizer.synthesize({ text, voice: "rms", rate: 1.5 });
    const ratio = fast.audio.samples.length / normal.audio.samples.length;
    expect(ratio).toBeGreaterThan(0.55);
    expect(ratio).toBeLessThan(0.8);
  });

  it("skips what the voice cannot say and speaks the rest", async () => {
    const { timeline } = await synthesizer.synthesize({ text: "Hello 👋 café 你好" });
    expect(timeline.words.map((word) => word.text)).toEqual(["Hello", "cafe"]);
  });

  it("refuses bad input with a bad-input error, never a crash", async () => {
    const refused = async (request: Parameters<typeof synthesizer.synthesize>[0]) =>
      synthesizer.synthesize(request).then(
        () => undefined,
        (error: unknown) => error,
      );
    const cases = [
      [{ text: "" }, /empty/],
      [{ text: "😀🎉" }, /nothing sayable/],
      [{ text: "a ".repeat(2501) }, /at most 5000/],
      [{ text: "Hello", voice: "nobody" }, /unknown voice "nobody"; flite has: slt/],
      [{ text: "Hello", rate: 0 }, /rate must be between/],
      [{ text: "Hello", rate: Number.NaN }, /rate must be between/],
    ] as const;
    for (const [request, message] of cases) {
      const error = await refused(request);
      expect(error).toBeInstanceOf(BadInputError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it("stops when its signal has fired", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(synthesizer.synthesize({ text: "Hello", signal: controller.signal })).rejects.toBeInstanceOf(
      CancelledError,
    );
  });
});
