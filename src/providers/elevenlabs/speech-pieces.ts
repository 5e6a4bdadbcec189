import type { AudioClip } from "../../core/audio.js";
import type { Speech } from "../../core/synthesizer.js";
import { visemesFromAudio } from "../../voice/audio-visemes.js";
import { type CharacterAlignment, timelineFromCharacters } from "./character-timeline.js";
import type { TimestampedAudio } from "./elevenlabs-synthesizer.js";

interface TimedCharacter {
  character: string;
  /** Seconds from the start of the utterance. */
  start: number;
  end: number;
}

/**
 * The streaming endpoint's parts as pieces of speech the face can say at once: each piece ends on a word boundary
 * (the service cuts its parts anywhere, mid-word included), with its audio and a timeline from its own characters,
 * timed from the piece's start. Audio after the last whole word waits for the next part; the end flushes it all.
 */
export async function* speechPieces(
  parts: AsyncIterable<TimestampedAudio>,
  sampleRate: number,
): AsyncGenerator<Speech> {
  let audio: Int16Array[] = [];
  let buffered = 0;
  /** Samples already given out in pieces, and those received: the buffer holds the difference. */
  let given = 0;
  let received = 0;
  let characters: TimedCharacter[] = [];
  let lastEnd = 0;
  for await (const part of parts) {
    const alignment = part.alignment ?? part.normalized_alignment;
    if (alignment?.characters.length) {
      // Parts timed from their own start are shifted to where they start; parts timed from the utterance's start kept.
      const shift =
        (alignment.character_start_times_seconds[0] ?? 0) + 0.001 < lastEnd ? received / sampleRate : 0;
      alignment.characters.forEach((character, index) => {
        characters.push({
          character,
          start: (alignment.character_start_times_seconds[index] ?? 0) + shift,
          end: (alignment.character_end_times_seconds[index] ?? 0) + shift,
        });
      });
      lastEnd = characters.at(-1)?.end ?? lastEnd;
    }
    if (part.audio_base64) {
      const clip = pcmSamples(part.audio_base64);
      audio.push(clip);
      buffered += clip.length;
      received += clip.length;
    }
    const cut = lastWordEnd(characters, received / sampleRate);
    if (cut === undefined) continue;
    const cutSample = Math.min(
      received,
      Math.max(given, Math.round((characters[cut] as TimedCharacter).end * sampleRate)),
    );
    if (cutSample <= given) continue;
    const samples = joined(audio, buffered);
    yield piece(samples.subarray(0, cutSample - given), characters.slice(0, cut + 1), given, sampleRate);
    const rest = samples.slice(cutSample - given);
    audio = [rest];
    buffered = rest.length;
    given = cutSample;
    characters = characters.slice(cut + 1);
  }
  if (buffered > 0) yield piece(joined(audio, buffered), characters, given, sampleRate);
}

/** The index of the last space whose sound the audio received so far covers. */
function lastWordEnd(characters: TimedCharacter[], heard: number): number | undefined {
  for (let index = characters.length - 1; index >= 0; index--) {
    const each = characters[index] as TimedCharacter;
    if (/\s/.test(each.character) && each.end <= heard) return index;
  }
  return undefined;
}

function piece(samples: Int16Array, characters: TimedCharacter[], from: number, sampleRate: number): Speech {
  const audio: AudioClip = { sampleRate, samples: Int16Array.from(samples) };
  const duration = Math.round((samples.length / sampleRate) * 1000);
  const offset = from / sampleRate;
  if (!characters.some((each) => /\S/.test(each.character)))
    return { audio, timeline: { duration, words: [], visemes: visemesFromAudio(audio) } };
  const alignment: CharacterAlignment = {
    characters: characters.map((each) => each.character),
    character_start_times_seconds: characters.map((each) => Math.max(0, each.start - offset)),
    character_end_times_seconds: characters.map((each) => Math.max(0, each.end - offset)),
  };
  return { audio, timeline: timelineFromCharacters(alignment, duration) };
}

function joined(chunks: Int16Array[], length: number): Int16Array {
  if (chunks.length === 1) return chunks[0] as Int16Array;
  const samples = new Int16Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    samples.set(chunk, offset);
    offset += chunk.length;
  }
  return samples;
}

export function pcmSamples(base64: string): Int16Array {
  const bytes = Buffer.from(base64, "base64");
  const samples = new Int16Array(Math.floor(bytes.length / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
  return samples;
}
