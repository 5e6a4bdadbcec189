import type { AudioClip } from "../core/audio.js";
import { type SileroVad, VAD_FRAME_MS, VAD_FRAME_SAMPLES } from "./silero-vad.js";
import { type SegmenterOptions, SpeechSegmenter } from "./speech-segmenter.js";

export interface SpeechSpan {
  startMs: number;
  endMs: number;
}

/** Where a 16 kHz clip has speech, by Silero VAD. */
export async function speechSpans(
  clip: AudioClip,
  vad: SileroVad,
  options: Omit<SegmenterOptions, "frameMs"> = {},
): Promise<SpeechSpan[]> {
  const segmenter = new SpeechSegmenter({ endSilenceMs: 500, ...options, frameMs: VAD_FRAME_MS });
  const spans: SpeechSpan[] = [];
  const collect = (event: ReturnType<SpeechSegmenter["push"]>) => {
    if (event?.type === "speech-end") {
      spans.push({ startMs: event.startFrame * VAD_FRAME_MS, endMs: event.endFrame * VAD_FRAME_MS });
    }
  };
  for (const probability of await vad.probabilities(clip)) collect(segmenter.push(probability));
  collect(segmenter.flush());
  return spans;
}

/**
 * The clip from just before its first speech to just after its last, so leading and trailing silence in an upload
 * costs the recogniser nothing. Undefined when there is no speech at all.
 */
export async function trimToSpeech(
  clip: AudioClip,
  vad: SileroVad,
  padMs = 250,
): Promise<AudioClip | undefined> {
  const spans = await speechSpans(clip, vad);
  const first = spans[0];
  const last = spans.at(-1);
  if (!first || !last) return undefined;
  const toSample = (ms: number) => Math.round((ms / 1000) * clip.sampleRate);
  const start = Math.max(0, toSample(first.startMs - padMs));
  // The last partial frame is never scored; keep it when speech runs to the end.
  const tail = clip.samples.length - (clip.samples.length % VAD_FRAME_SAMPLES);
  const end = Math.min(
    clip.samples.length,
    last.endMs >= (tail / clip.sampleRate) * 1000 ? clip.samples.length : toSample(last.endMs + padMs),
  );
  return { sampleRate: clip.sampleRate, samples: clip.samples.slice(start, end) };
}
