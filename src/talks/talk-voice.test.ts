import { describe, expect, it } from "vitest";
import { createElevenLabsSynthesizer } from "../providers/elevenlabs/elevenlabs-synthesizer.js";
import { elevenLabsWithLocal } from "../providers/elevenlabs/elevenlabs-with-local.js";
import { startFakeElevenLabs } from "../providers/elevenlabs/test-support/fake-elevenlabs.js";
import { createFliteSynthesizer } from "../providers/flite/flite-synthesizer.js";
import { measureVoice } from "../voice/voice-measures.js";
import { resolveTalkVoice } from "./talk-voice.js";

const flite = createFliteSynthesizer();
const resolve = (provider?: Parameters<typeof resolveTalkVoice>[1]) => resolveTalkVoice(flite, provider);

describe("the local voice for a D-ID talk's script.provider", () => {
  it("reports the default voice when none is asked for, and keeps one of ours by id", async () => {
    expect(await resolve()).toEqual({ spoke: "flite:slt" });
    expect(await resolve({ type: "aitwin", voice_id: "awb" })).toEqual({
      voiceId: "awb",
      spoke: "flite:awb",
    });
  });

  it("matches gender first, then locale, reading Microsoft's locale from the id", async () => {
    const spoke = async (type: string, voice_id: string) => (await resolve({ type, voice_id })).spoke;
    expect(await spoke("microsoft", "en-US-AriaNeural")).toBe("flite:slt");
    expect(await spoke("microsoft", "en-US-TonyNeural")).toBe("flite:rms");
    expect(await spoke("microsoft", "en-GB-LibbyNeural")).toBe("flite:slt");
    expect(await spoke("microsoft", "en-GB-RyanNeural")).toBe("flite:awb");
    expect(await spoke("microsoft", "en-US-AndrewMultilingualNeural")).toBe("flite:rms");
    expect(await spoke("amazon", "Brian")).toBe("flite:awb");
    expect(await spoke("amazon", "Amy")).toBe("flite:slt");
    expect(await spoke("elevenlabs", "21m00Tcm4TlvDq8ikWAM")).toBe("flite:slt");
    expect(await spoke("playHT", "unheard-of")).toBe("flite:slt");
  });

  it("carries the rate over as a multiplier, clamped to what the voice can do", async () => {
    const rate = async (value: string | number) =>
      (await resolve({ type: "microsoft", voice_id: "en-US-JennyNeural", voice_config: { rate: value } }))
        .rate;
    expect(await rate("+20%")).toBeCloseTo(1.2);
    expect(await rate("-25%")).toBeCloseTo(0.75);
    expect(await rate(1.5)).toBe(1.5);
    expect(await rate("0.8")).toBe(0.8);
    expect(await rate("x-fast")).toBe(2);
    expect(await rate("medium")).toBeUndefined();
    expect(await rate(5)).toBe(2);
    await expect(rate("zippy")).rejects.toThrow(/voice_config.rate: "zippy" is not a rate/);
  });

  it("keeps a twin's tuned voice, and refuses a malformed one", async () => {
    const tuned = "slt,pitch=210,spread=20,stretch=0.90";
    expect(await resolve({ type: "aitwin", voice_id: tuned })).toEqual({
      voiceId: tuned,
      spoke: `flite:${tuned}`,
    });
    await expect(resolve({ type: "aitwin", voice_id: "slt,pitch=loud" })).rejects.toThrow(
      /is not a tuned voice/,
    );
  });

  it("carries voice_config.pitch over: the local voice is moved to it and is heard higher", async () => {
    const pitch = async (value: string | number) =>
      (await resolve({ type: "microsoft", voice_id: "en-US-JennyNeural", voice_config: { pitch: value } }))
        .voiceId;
    expect(await pitch("+10%")).toBe("slt,pitch=184,spread=11,stretch=1.00");
    expect(await pitch("-2st")).toBe("slt,pitch=149,spread=9,stretch=1.00");
    expect(await pitch("x-high")).toBe("slt,pitch=200,spread=12,stretch=1.00");
    expect(await pitch("medium")).toBe("slt");
    await expect(pitch("shrill")).rejects.toThrow(/voice_config.pitch: "shrill" is not a pitch/);
    const text = "Good morning, how are you today?";
    const heard = async (voice: string) =>
      measureVoice((await flite.synthesize({ text, voice })).audio).measures.pitchMean;
    expect(await heard((await pitch("+20%")) as string)).toBeGreaterThan((await heard("slt")) * 1.1);
  });

  it("gives a voice_config.style its prosody: cheerful is higher and quicker, sad lower and slower", async () => {
    const styled = (style: string, rate?: string) =>
      resolve({ type: "microsoft", voice_id: "en-US-JennyNeural", voice_config: { style, rate } });
    expect(await styled("Cheerful")).toEqual({
      voiceId: "slt,pitch=184,spread=11,stretch=1.00",
      rate: 1.08,
      spoke: "flite:slt,pitch=184,spread=11,stretch=1.00",
    });
    expect(await styled("sad", "+10%")).toMatchObject({ voiceId: "slt,pitch=154,spread=9,stretch=1.00" });
    expect((await styled("sad", "+10%")).rate).toBeCloseTo(0.968);
    expect(await styled("newscast-casual")).toEqual({ voiceId: "slt", spoke: "flite:slt" });
  });

  it("says the words of an SSML script and follows its prosody", async () => {
    const ssml =
      '<speak version="1.0"><voice name="en-US-JennyNeural"><prosody rate="-20%" pitch="+10%">Hello &amp; welcome.<break time="500ms"/>I am <sub alias="doctor">Dr.</sub> Twin.</prosody></voice></speak>';
    const voice = await resolveTalkVoice(flite, { type: "microsoft", voice_id: "en-US-JennyNeural" }, ssml);
    expect(voice).toEqual({
      voiceId: "slt,pitch=184,spread=11,stretch=1.00",
      rate: 0.8,
      spoke: "flite:slt,pitch=184,spread=11,stretch=1.00",
      input: "Hello & welcome. I am doctor Twin.",
    });
    await expect(resolveTalkVoice(flite, undefined, "<speak><break/></speak>")).rejects.toThrow(
      /the SSML has no words to say/,
    );
  });

  it("voices an elevenlabs script.provider by ElevenLabs when it is configured, the others locally", async () => {
    const fake = await startFakeElevenLabs();
    try {
      const cloud = createElevenLabsSynthesizer({ apiKey: fake.key, baseURL: fake.baseURL });
      const both = elevenLabsWithLocal(cloud, flite);
      const eleven = await resolveTalkVoice(both, { type: "elevenlabs", voice_id: "21m00Tcm4TlvDq8ikWAM" });
      expect(eleven).toEqual({
        voiceId: "elevenlabs:21m00Tcm4TlvDq8ikWAM",
        spoke: "elevenlabs:21m00Tcm4TlvDq8ikWAM",
      });
      const jenny = await resolveTalkVoice(both, { type: "microsoft", voice_id: "en-US-JennyNeural" });
      expect(jenny).toEqual({ voiceId: "slt", spoke: "flite:slt" });
    } finally {
      await fake.close();
    }
  });

  it("refuses a provider type D-ID does not document", async () => {
    await expect(resolve({ type: "nobody", voice_id: "en-US-JennyNeural" })).rejects.toThrow(
      /script.provider.type: unknown provider "nobody"/,
    );
  });
});
