import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BadInputError, ProviderError } from "../../core/errors.js";
import { encodeWav } from "../../voice/wav.js";
import { createOpenAiSynthesizer } from "./openai-synthesizer.js";
import { createOpenAiTranscriber } from "./openai-transcriber.js";
import { type FakeOpenAi, startFakeOpenAi } from "./test-support/fake-openai.js";
import { fakeSpeechSamples } from "./test-support/fake-speech-audio.js";

const KEY = "sk-test-audio-0123456789abcdef";
const clip = { sampleRate: 16_000, samples: fakeSpeechSamples("hello there", 16_000) };

describe("OpenAI transcription and speech", () => {
  let fake: FakeOpenAi;
  beforeEach(async () => {
    fake = await startFakeOpenAi({ apiKey: KEY, transcript: "Where do you live?" });
  });
  afterEach(() => fake.close());

  it("uploads a clip as a WAV file in multipart form and returns the text", async () => {
    const transcriber = createOpenAiTranscriber({ apiKey: KEY, baseURL: fake.baseURL });
    const transcript = await transcriber.transcribe(clip, { language: "en-GB" });
    expect(transcript.text).toBe("Where do you live?");
    expect(transcript.durationMs).toBeCloseTo((clip.samples.length / 16_000) * 1000, 0);
    const form = fake.requests[0]?.form;
    expect(form?.get("model")).toBe("gpt-4o-mini-transcribe");
    expect(form?.get("response_format")).toBe("json");
    expect(form?.get("language")).toBe("en");
    const file = form?.get("file") as File;
    expect(file.name).toBe("speech.wav");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(encodeWav(clip));
  });

  it("asks whisper models for word times and keeps them", async () => {
    const transcriber = createOpenAiTranscriber({ apiKey: KEY, baseURL: fake.baseURL, model: "whisper-1" });
    const encoded = { data: encodeWav(clip) };
    const transcript = await transcriber.transcribe(encoded);
    expect(fake.requests[0]?.form?.getAll("timestamp_granularities[]")).toEqual(["word"]);
    expect(transcript.words?.map((word) => word.text)).toEqual(["Where", "do", "you", "live"]);
    expect(transcript.words?.[1]).toEqual({ text: "do", start: 400, duration: 300 });
  });

  it("refuses audio it cannot name before anything is sent", async () => {
    const transcriber = createOpenAiTranscriber({ apiKey: KEY, baseURL: fake.baseURL });
    await expect(transcriber.transcribe({ data: new TextEncoder().encode("just text") })).rejects.toThrow(
      BadInputError,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it("speaks as WAV and reads the mouth shapes from the audio", async () => {
    const synthesizer = createOpenAiSynthesizer({ apiKey: KEY, baseURL: fake.baseURL });
    const speech = await synthesizer.synthesize({
      text: "Hello, I am your twin.",
      voice: "nova",
      rate: 1.25,
    });
    expect(fake.requests[0]?.json).toEqual({
      model: "gpt-4o-mini-tts",
      input: "Hello, I am your twin.",
      voice: "nova",
      response_format: "wav",
      speed: 1.25,
    });
    expect(speech.audio.sampleRate).toBe(24_000);
    expect(speech.timeline.duration).toBe(Math.round((speech.audio.samples.length / 24_000) * 1000));
    const { visemes } = speech.timeline;
    expect(visemes[0]?.viseme).toBe("sil");
    const shapes = new Set(visemes.map((each) => each.viseme).filter((viseme) => viseme !== "sil"));
    expect(shapes.size).toBeGreaterThan(1);
    const last = visemes.at(-1);
    expect((last?.start ?? 0) + (last?.duration ?? 0)).toBeLessThanOrEqual(speech.timeline.duration + 20);
  });

  it("refuses unknown voices and empty text without a request", async () => {
    const synthesizer = createOpenAiSynthesizer({ apiKey: KEY, baseURL: fake.baseURL });
    await expect(synthesizer.synthesize({ text: "hi", voice: "robot" })).rejects.toThrow(
      /unknown voice "robot"/,
    );
    await expect(synthesizer.synthesize({ text: "  " })).rejects.toThrow(BadInputError);
    expect(fake.requests).toHaveLength(0);
  });

  it("will not misread a compressed answer as PCM", async () => {
    fake.failNext("/audio/speech", {
      status: 200,
      headers: { "content-type": "audio/mpeg" },
      body: "ID3 not really",
    });
    const synthesizer = createOpenAiSynthesizer({ apiKey: KEY, baseURL: fake.baseURL });
    await expect(synthesizer.synthesize({ text: "hi" })).rejects.toThrow(ProviderError);
  });
});
