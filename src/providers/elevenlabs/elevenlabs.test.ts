import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../config.js";
import type { AudioClip } from "../../core/audio.js";
import { createFliteSynthesizer } from "../flite/flite-synthesizer.js";
import { elevenLabsCandidate } from "./elevenlabs-candidate.js";
import { ElevenLabsClient } from "./elevenlabs-client.js";
import { createElevenLabsSynthesizer } from "./elevenlabs-synthesizer.js";
import { elevenLabsWithLocal } from "./elevenlabs-with-local.js";
import { type FakeElevenLabs, startFakeElevenLabs } from "./test-support/fake-elevenlabs.js";
import { cloneVoice } from "./voice-clone.js";

const TEXT = "Hello there, I am your twin. Shall we talk?";
let fake: FakeElevenLabs;
const noWait = async () => {};
const options = () => ({ apiKey: fake.key, baseURL: fake.baseURL, sleep: noWait });

beforeAll(async () => {
  fake = await startFakeElevenLabs();
});
afterAll(() => fake.close());

describe("ElevenLabs speech against a loopback fake", () => {
  it("speaks through with-timestamps; words and visemes follow the character timings within 40 ms", async () => {
    const speech = await createElevenLabsSynthesizer(options()).synthesize({
      text: TEXT,
      voice: "elevenlabs:21m00Tcm4TlvDq8ikWAM",
    });
    const request = fake.requests.at(-1);
    expect(request?.path).toBe(
      "/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/with-timestamps?output_format=pcm_16000",
    );
    expect(request?.json).toMatchObject({ text: TEXT, model_id: "eleven_multilingual_v2" });
    const truth = fake.lastAlignment;
    if (!truth) throw new Error("the fake made no speech");
    const end = truth.ends.at(-1) as number;
    expect(speech.audio.sampleRate).toBe(16_000);
    expect(speech.audio.samples.length).toBe(Math.round(end * 16_000));
    expect(speech.timeline.duration).toBe(Math.round(end * 1000));
    expect(speech.timeline.words.map((word) => word.text)).toEqual([
      "Hello",
      "there",
      "I",
      "am",
      "your",
      "twin",
      "Shall",
      "we",
      "talk",
    ]);
    expect(speech.timeline.words[1]).toEqual({
      text: "there",
      start: Math.round((truth.starts[6] as number) * 1000),
      duration: expect.any(Number),
    });

    const boundaries = [...truth.starts, ...truth.ends].map((t) => t * 1000);
    const visemes = speech.timeline.visemes;
    expect(visemes.length).toBeGreaterThan(10);
    for (const viseme of visemes) {
      const edge = Math.min(...boundaries.map((b) => Math.abs(b - viseme.start)));
      expect(edge, `${viseme.viseme} at ${viseme.start}`).toBeLessThanOrEqual(40);
    }
    // The mouth is open in every vowel and closed in every pause of the fake's speech.
    const at = (ms: number) => visemes.find((v) => v.start <= ms && ms < v.start + v.duration)?.viseme;
    truth.characters.forEach((character, index) => {
      const middle = (((truth.starts[index] as number) + (truth.ends[index] as number)) / 2) * 1000;
      if (/[aeiou]/i.test(character)) expect(at(middle), `${character} #${index}`).not.toBe("sil");
      if (/[,.?]/.test(character)) expect(at(middle), `${character} #${index}`).toBe("sil");
    });
    expect(visemes.some((v) => v.viseme === "PP")).toBe(true); // "am"
    expect(visemes.some((v) => v.viseme === "CH")).toBe(true); // "Shall"
  });

  it("streams: audio arrives in parts before the end, and the whole matches the unstreamed speech", async () => {
    const synthesizer = createElevenLabsSynthesizer(options());
    const whole = await synthesizer.synthesize({ text: TEXT });
    const parts: AudioClip[] = [];
    const streamed = await synthesizer.streamSpeech({ text: TEXT }, (chunk) => parts.push(chunk));
    expect(fake.requests.at(-1)?.path).toBe(
      "/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/stream/with-timestamps?output_format=pcm_16000",
    );
    expect(parts.length).toBeGreaterThan(1);
    expect(streamed.audio.samples).toEqual(whole.audio.samples);
    expect(streamed.timeline).toEqual(whole.timeline);
  });

  it("clones a voice from a sample by instant voice cloning, then speaks with it", async () => {
    const client = new ElevenLabsClient(options());
    const sample = new Uint8Array(4000).fill(7);
    const voice = await cloneVoice(client, "Ada's voice", { data: sample, mimeType: "audio/wav" });
    expect(voice).toBe("elevenlabs:clone1x4000");
    expect(fake.requests.at(-1)?.form).toEqual({
      name: "Ada's voice",
      files: [{ name: "sample.wav", size: 4000, type: "audio/wav" }],
    });
    const speech = await createElevenLabsSynthesizer(options()).synthesize({ text: "It is me.", voice });
    expect(speech.timeline.words.map((word) => word.text)).toEqual(["It", "is", "me"]);
    const voices = await createElevenLabsSynthesizer(options()).voices();
    expect(voices.map((each) => each.id)).toContain(voice);
    expect(voices[1]).toMatchObject({
      id: "elevenlabs:onwK4e9ZLuTAKqWW03F9",
      gender: "male",
      language: "en-GB",
    });
  });

  it("says what is wrong: no key, a refused key, no credits left, busy, an unknown voice; never the key", async () => {
    const before = fake.requests.length;
    const keyless = createElevenLabsSynthesizer({ baseURL: fake.baseURL, apiKey: () => undefined });
    await expect(keyless.synthesize({ text: "Hi." })).rejects.toThrow(
      "elevenlabs: ELEVENLABS_API_KEY is not set",
    );
    await expect(
      cloneVoice(new ElevenLabsClient({ baseURL: fake.baseURL }), "x", { data: new Uint8Array(4) }),
    ).rejects.toThrow("ELEVENLABS_API_KEY is not set");
    expect(fake.requests.length).toBe(before);

    const wrong = createElevenLabsSynthesizer({ ...options(), apiKey: "el-wrong-key-99999" });
    const refused = await wrong.synthesize({ text: "Hi." }).catch((error: Error) => error);
    expect(refused).toMatchObject({ kind: "config" });
    expect((refused as Error).message).toMatch(
      /failed with 401; the API key was refused: check ELEVENLABS_API_KEY/,
    );
    expect((refused as Error).message).not.toContain("el-wrong-key");

    const synthesizer = createElevenLabsSynthesizer(options());
    fake.failNext({
      status: 401,
      body: {
        detail: {
          status: "quota_exceeded",
          message: `This request exceeds your quota of 10000 (key ${fake.key}).`,
        },
      },
    });
    const quota = await synthesizer.synthesize({ text: "Hi." }).catch((error: Error) => error);
    expect(quota).toMatchObject({ kind: "provider", retryable: false });
    expect((quota as Error).message).toMatch(/credits are used up/);
    expect((quota as Error).message).not.toContain(fake.key);

    const busy = {
      status: 429,
      body: { detail: { status: "too_many_concurrent_requests", message: "Too many concurrent requests" } },
    };
    fake.failNext(busy, busy);
    const retried = await synthesizer.synthesize({ text: "Hi." });
    expect(retried.audio.samples.length).toBeGreaterThan(0);
    fake.failNext(busy, busy, busy);
    const gaveUp = await synthesizer.synthesize({ text: "Hi." }).catch((error: Error) => error);
    expect(gaveUp).toMatchObject({ kind: "provider", retryable: true });
    expect((gaveUp as Error).message).toMatch(
      /failed with 429 after 3 attempts: Too many concurrent requests/,
    );

    await expect(synthesizer.synthesize({ text: "Hi.", voice: "elevenlabs:nobody" })).rejects.toMatchObject({
      kind: "bad-input",
    });
    await expect(
      synthesizer.synthesize({ text: "Hi.", voice: "elevenlabs:../../v1/voices" }),
    ).rejects.toThrow(/not an ElevenLabs voice id/);
  });

  it("is offered when ELEVENLABS_API_KEY is set, and doctor --probe checks the key with one call", async () => {
    const config = (key?: string) =>
      parseConfig({ ELEVENLABS_BASE_URL: fake.baseURL, ...(key && { ELEVENLABS_API_KEY: key }) });
    expect(await elevenLabsCandidate.check(config())).toEqual({
      available: false,
      reason: "ELEVENLABS_API_KEY is not set",
    });
    expect((await elevenLabsCandidate.check(config(fake.key))).available).toBe(true);
    expect(await elevenLabsCandidate.probe?.(config(fake.key))).toEqual({
      available: true,
      reason: expect.stringMatching(/^answered GET \/v1\/voices \([2-9] voices\)$/),
    });
    const refused = await elevenLabsCandidate.probe?.(config("el-wrong-key-99999"));
    expect(refused?.available).toBe(false);
    expect(refused?.reason).toMatch(/check ELEVENLABS_API_KEY/);
    expect(refused?.reason).not.toContain("el-wrong-key");
  });

  it("keeps every local voice beside the cloud ones", async () => {
    const both = elevenLabsWithLocal(createElevenLabsSynthesizer(options()), createFliteSynthesizer());
    const voices = (await both.voices()).map((voice) => voice.id);
    expect(voices).toEqual(expect.arrayContaining(["slt", "rms", "elevenlabs:21m00Tcm4TlvDq8ikWAM"]));
    const requests = fake.requests.length;
    const local = await both.synthesize({ text: "Hi there.", voice: "slt" });
    expect(fake.requests.length).toBe(requests);
    expect(local.timeline.words.length).toBe(2);
    await both.synthesize({ text: "Hi there.", voice: "elevenlabs:onwK4e9ZLuTAKqWW03F9" });
    expect(fake.requests.at(-1)?.path).toContain("/v1/text-to-speech/onwK4e9ZLuTAKqWW03F9/");
  });
});
