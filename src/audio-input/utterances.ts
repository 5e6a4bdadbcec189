import type { AudioClip } from "../core/audio.js";
import { SPEECH_SAMPLE_RATE } from "./decode-audio.js";
import { endProsody } from "./end-prosody.js";
import { pcmToSamples } from "./pcm.js";
import { type SileroVad, VAD_FRAME_MS, VAD_FRAME_SAMPLES } from "./silero-vad.js";
import { type SegmenterOptions, SpeechSegmenter } from "./speech-segmenter.js";
import { decideTurnEnd, type EndProsody, TURN_END, type TurnEndDecision } from "./turn-end-rules.js";

export interface UtteranceOptions extends Omit<SegmenterOptions, "frameMs"> {
  /** Audio kept from before the detected start, so the first syllable is not clipped. */
  prerollMs?: number;
  /** An utterance this long is cut and yielded even if the speaker has not paused. */
  maxUtteranceMs?: number;
  /** Called when speech is confirmed: the moment to interrupt the twin (barge-in). */
  onSpeechStart?: () => void;
  /** Told of each utterance's audio as it is heard, so a streaming recogniser can work while the person speaks. */
  listener?: UtteranceListener;
  /**
   * The words recognised so far in the utterance in progress. Given, the turn-end rules decide how much quiet ends
   * it (a finished question a breath, a sentence trailing off in "and" up to 1.5 s) instead of `endSilenceMs`.
   */
  wordsSoFar?: () => string;
  /** How sure the recogniser is of the last of those words (0–1), when it says. */
  lastWordConfidence?: () => number | undefined;
  /** How sure it is of all of them, on average (0–1), when it says. */
  sentenceConfidence?: () => number | undefined;
  /** Told why each utterance ended, when the turn-end rules decided. */
  onTurnEnd?: (decision: TurnEndDecision) => void;
  /**
   * Start early (with `wordsSoFar`): told the words at each pause of the utterance in progress, once the pause has
   * lasted `TURN_END.startEarlyMs`, to begin the reply; and told to throw it away when speech goes on. Whoever
   * gets the utterance keeps or throws away the last one begun.
   */
  early?: { start(words: string): void; cancel(): void };
}

/** The audio of the utterance in progress, as it comes: what a streaming recogniser is fed. */
export interface UtteranceListener {
  /** Speech is confirmed: the utterance's audio so far (pre-roll included), oldest first. */
  started(frames: Int16Array[]): void;
  /** One more frame of the utterance in progress (the quiet that ends it included). */
  heard(frame: Int16Array): void;
}

/**
 * Cuts a live 16 kHz mono PCM byte stream into utterances: each is yielded when the VAD hears the speaker stop.
 * Chunks may be any size; the stream ending closes an utterance in progress.
 */
export async function* utterancesFromPcm(
  pcm: AsyncIterable<Uint8Array>,
  vad: SileroVad,
  options: UtteranceOptions = {},
): AsyncGenerator<AudioClip> {
  const frames: { index: number; samples: Int16Array }[] = [];
  let prosody: EndProsody = {};
  let decision: TurnEndDecision | undefined;
  const { wordsSoFar } = options;
  const endSilenceFor = wordsSoFar
    ? (silentMs: number) => {
        // At the first quiet frame, how the voice ended: the speech frames just before it.
        if (silentMs <= VAD_FRAME_MS) prosody = endProsody(recentSpeech(frames, 20), SPEECH_SAMPLE_RATE);
        decision = decideTurnEnd(
          wordsSoFar(),
          prosody,
          options.lastWordConfidence?.(),
          options.sentenceConfidence?.(),
        );
        return decision.quietMs;
      }
    : undefined;
  const segmenter = new SpeechSegmenter({ ...options, endSilenceFor, frameMs: VAD_FRAME_MS });
  const prerollFrames = Math.round((options.prerollMs ?? 300) / VAD_FRAME_MS);
  const maxFrames = Math.round((options.maxUtteranceMs ?? 30_000) / VAD_FRAME_MS);
  let frameIndex = 0;
  let carry = new Uint8Array(0);
  /** Whether the listener has been told this utterance started (and so hears its frames). */
  let listening = false;
  vad.reset();

  /** The words the reply was begun on early, while one is. */
  let earlyWords: string | undefined;
  const followEarly = (index: number) => {
    if (!options.early || !wordsSoFar) return;
    const silentMs = (index - (segmenter.lastSpeechFrame ?? index)) * VAD_FRAME_MS;
    if (silentMs === 0) {
      if (earlyWords !== undefined) options.early.cancel();
      earlyWords = undefined;
      return;
    }
    const words = wordsSoFar();
    if (silentMs < TURN_END.startEarlyMs || !words || words === earlyWords) return;
    earlyWords = words;
    options.early.start(words);
  };
  const cut = (startFrame: number, endFrame: number): AudioClip => {
    const from = startFrame - prerollFrames;
    const chosen = frames.filter((frame) => frame.index >= from && frame.index < endFrame);
    const samples = new Int16Array(chosen.length * VAD_FRAME_SAMPLES);
    chosen.forEach((frame, position) => {
      samples.set(frame.samples, position * VAD_FRAME_SAMPLES);
    });
    const kept = frames.findIndex((frame) => frame.index >= endFrame);
    frames.splice(0, kept === -1 ? frames.length : kept);
    return { sampleRate: SPEECH_SAMPLE_RATE, samples };
  };

  for await (const chunk of pcm) {
    const bytes = new Uint8Array(carry.length + chunk.length);
    bytes.set(carry);
    bytes.set(chunk, carry.length);
    const frameBytes = VAD_FRAME_SAMPLES * 2;
    let offset = 0;
    for (; offset + frameBytes <= bytes.length; offset += frameBytes) {
      const samples = pcmToSamples(bytes.subarray(offset, offset + frameBytes));
      const index = frameIndex++;
      frames.push({ index, samples });
      let event = segmenter.push(await vad.probability(samples));
      if (listening) options.listener?.heard(samples);
      if (event?.type === "speech-start") {
        options.onSpeechStart?.();
        const from = event.frame - prerollFrames;
        options.listener?.started(
          frames.filter((frame) => frame.index >= from).map((frame) => frame.samples),
        );
        listening = true;
      }
      if (listening && segmenter.inSpeech) followEarly(index);
      if (!event && segmenter.inSpeech && index - (segmenter.startFrame ?? index) >= maxFrames) {
        event = segmenter.flush();
      }
      if (event?.type === "speech-end") {
        listening = false;
        earlyWords = undefined;
        if (decision) options.onTurnEnd?.(decision);
        decision = undefined;
        yield cut(event.startFrame, event.endFrame);
      }
      // Between utterances only the pre-roll is worth keeping.
      if (!segmenter.inSpeech && frames.length > prerollFrames)
        frames.splice(0, frames.length - prerollFrames);
    }
    carry = bytes.slice(offset);
  }
  const last = segmenter.flush();
  if (last?.type === "speech-end") yield cut(last.startFrame, last.endFrame);
}

/** The samples of the last `count` frames before the newest one (the newest is the first quiet one). */
function recentSpeech(frames: { samples: Int16Array }[], count: number): Int16Array {
  const chosen = frames.slice(-count - 1, -1);
  const samples = new Int16Array(chosen.length * VAD_FRAME_SAMPLES);
  chosen.forEach((frame, position) => {
    samples.set(frame.samples, position * VAD_FRAME_SAMPLES);
  });
  return samples;
}
