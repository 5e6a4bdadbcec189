import { decodeAudio } from "../audio-input/decode-audio.js";
import type { AudioClip, EncodedAudio } from "../core/audio.js";
import { BadInputError } from "../core/errors.js";
import { measureVoice, type VoiceMeasures } from "./voice-measures.js";

/** A sample needs this much speech (pauses left out) to measure a voice fairly. */
export const MIN_SPEECH_SECONDS = 15;
/** Longer recordings are refused rather than analysed: the reading passage takes under a minute. */
export const MAX_SAMPLE_MS = 3 * 60_000;

/** Decodes a recording of the person (any format ffmpeg reads) and measures it; a bad sample is a BadInputError. */
export async function measureVoiceSample(input: EncodedAudio | string): Promise<VoiceMeasures> {
  let clip: AudioClip;
  try {
    clip = await decodeAudio(input, { maxDurationMs: MAX_SAMPLE_MS });
  } catch (error) {
    if (error instanceof BadInputError) throw new BadInputError(`voice sample: ${error.message}`);
    throw error;
  }
  return checkedMeasures(clip);
}

/** The measures of a decoded sample, after the checks that tell speech from silence, noise and music. */
export function checkedMeasures(clip: AudioClip): VoiceMeasures {
  const statistics = measureVoice(clip);
  const { measures } = statistics;
  if (statistics.level < 0.003) throw new BadInputError("voice sample: it is silent (no sound was recorded)");
  if (statistics.voicedSeconds < 1) {
    throw new BadInputError("voice sample: no voice in it (only noise or silence); read the passage aloud");
  }
  const heldNotes = statistics.steadyShare > 0.7;
  const continuousTone = statistics.quietShare < 0.02 && statistics.steadyShare > 0.3;
  if (heldNotes || continuousTone) {
    throw new BadInputError(
      "voice sample: it sounds like music or a held tone, not speech; record your voice alone in a quiet room",
    );
  }
  if (measures.speechSeconds < MIN_SPEECH_SECONDS) {
    throw new BadInputError(
      `voice sample: it has ${measures.speechSeconds.toFixed(1)} s of speech; at least ${MIN_SPEECH_SECONDS} s is needed (read the whole passage)`,
    );
  }
  return measures;
}
