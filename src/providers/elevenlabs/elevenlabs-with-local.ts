import type { Synthesizer } from "../../core/synthesizer.js";
import { VOICE_PREFIX } from "./elevenlabs-synthesizer.js";

/**
 * The speech stage once ElevenLabs is configured: `elevenlabs:<voice_id>` voices are spoken by ElevenLabs, every
 * other voice (flite's, and a twin's voice tuned offline) stays local, so turning the cloud on breaks no twin.
 */
export function elevenLabsWithLocal(cloud: Synthesizer, local: Synthesizer): Synthesizer {
  return {
    provider: "elevenlabs",
    modelId: `${cloud.modelId}+${local.provider}`,
    async voices() {
      // The local voices first: a voice picker still works when the service cannot be reached.
      const cloudVoices = await cloud.voices().catch(() => []);
      return [...(await local.voices()), ...cloudVoices];
    },
    synthesize(request) {
      return request.voice?.startsWith(VOICE_PREFIX) ? cloud.synthesize(request) : local.synthesize(request);
    },
    /** ElevenLabs voices stream (first audio sooner); a local voice is one piece, as from `synthesize`. */
    async *synthesizeStream(request) {
      if (request.voice?.startsWith(VOICE_PREFIX) && cloud.synthesizeStream)
        yield* cloud.synthesizeStream(request);
      else yield await local.synthesize(request);
    },
  };
}
