import type { EncodedAudio } from "../../core/audio.js";
import { ProviderError } from "../../core/errors.js";
import type { ElevenLabsClient } from "./elevenlabs-client.js";
import { VOICE_PREFIX } from "./elevenlabs-synthesizer.js";

/**
 * Instant voice cloning: the sample goes to `POST /v1/voices/add` and the new voice's id comes back, written as
 * `elevenlabs:<voice_id>`. The sample is checked (length, speech, not music) before it is sent.
 */
export async function cloneVoice(
  client: ElevenLabsClient,
  name: string,
  sample: EncodedAudio,
  signal?: AbortSignal,
): Promise<string> {
  const response = await client.request({
    path: "/v1/voices/add",
    form: () => {
      const form = new FormData();
      form.append("name", name);
      form.append("description", "Cloned by AI Twin from the person's own recording");
      const type = sample.mimeType ?? "audio/wav";
      form.append("files", new Blob([sample.data], { type }), `sample.${type.split("/")[1] ?? "wav"}`);
      return form;
    },
    signal,
    action: "voice cloning",
  });
  const body = (await response.json()) as { voice_id?: string };
  if (!body.voice_id) throw new ProviderError("elevenlabs", "voice cloning answered without a voice_id");
  return `${VOICE_PREFIX}${body.voice_id}`;
}
