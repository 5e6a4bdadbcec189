import type { SpeechTimeline } from "../../src/core/timeline.js";
import type { Api } from "./api.js";
import { base64ToBuffer } from "./conversation-stream.js";

/** A line said in the twin's voice (or in `voice`, to preview it), recorded nowhere; null without a synthesizer. */
export async function spokenLine(
  api: Api,
  twinId: string,
  text: string,
  voice?: string,
): Promise<{ wav: ArrayBuffer; timeline: SpeechTimeline } | null> {
  const { speech } = await api.json<{ speech: { wav: string; timeline: SpeechTimeline } | null }>(
    "POST",
    `/api/twins/${encodeURIComponent(twinId)}/speech`,
    voice ? { text, voice } : { text },
  );
  return speech && { wav: base64ToBuffer(speech.wav), timeline: speech.timeline };
}
