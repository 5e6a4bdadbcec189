import { CancelledError, ProviderError } from "../../core/errors.js";
import type { TimestampedAudio } from "./elevenlabs-synthesizer.js";

/** The streaming endpoint's body: one JSON object per line, each with a piece of audio and its characters' times. */
export async function* readSpeechStream(
  response: Response,
  signal?: AbortSignal,
): AsyncGenerator<TimestampedAudio> {
  if (!response.body) throw new ProviderError("elevenlabs", "the speech stream had no body");
  const decoder = new TextDecoder();
  let pending = "";
  const parse = (line: string): TimestampedAudio | undefined => {
    if (!line.trim()) return undefined;
    try {
      return JSON.parse(line) as TimestampedAudio;
    } catch {
      throw new ProviderError("elevenlabs", "the speech stream sent a line that is not JSON");
    }
  };
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (signal?.aborted) throw new CancelledError();
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf("\n");
    while (newline >= 0) {
      const part = parse(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      if (part) yield part;
      newline = pending.indexOf("\n");
    }
  }
  const last = parse(pending + decoder.decode());
  if (last) yield last;
}
