import { AsyncQueue } from "../core/async-queue.js";
import { userMessage } from "../core/error-mapping.js";
import { isCancelled, throwIfAborted } from "../core/errors.js";
import type { Synthesizer, VoiceChoice } from "../core/index.js";
import type { Part } from "../core/parts.js";
import { SentenceSplitter } from "../voice/sentence-splitter.js";

/** A stage maps a stream of parts to another; parts it does not handle pass through in order. */
export type Stage = (input: AsyncIterable<Part>, signal: AbortSignal) => AsyncIterable<Part>;

/** Text deltas from the brain, as parts. */
export async function* textParts(deltas: AsyncIterable<string>, signal: AbortSignal): AsyncIterable<Part> {
  for await (const text of deltas) {
    throwIfAborted(signal);
    if (text) yield { type: "text-delta", text };
  }
}

/** Adds a `sentence-complete` part after the text delta that completes each sentence. */
export const sentenceStage: Stage = async function* (input, signal) {
  const splitter = new SentenceSplitter();
  let index = 0;
  for await (const part of input) {
    throwIfAborted(signal);
    yield part;
    if (part.type !== "text-delta") continue;
    for (const text of splitter.push(part.text)) yield { type: "sentence-complete", index: index++, text };
  }
  for (const text of splitter.flush()) yield { type: "sentence-complete", index: index++, text };
};

/**
 * Speaks each sentence as soon as it is complete. Text keeps flowing while a sentence is synthesised; sentences are
 * synthesised one after another, so audio comes out in order. A sentence that fails to synthesise is skipped with a
 * `speech-failed` part; the turn goes on.
 */
export function voiceStage(synthesizer: Synthesizer, voice: VoiceChoice): Stage {
  return (input, signal) => {
    const output = new AsyncQueue<Part>();
    let speaking: Promise<void> = Promise.resolve();
    const speak = async (index: number, text: string) => {
      // Local synthesizers run synchronously (WASM); let readers take what is queued before the next one blocks.
      await new Promise<void>((resolve) => setImmediate(resolve));
      throwIfAborted(signal);
      if (output.closed) return; // nobody will hear it
      const request = { text, voice: voice.id, rate: voice.rate, signal };
      try {
        // A voice that streams (ElevenLabs) gives a sentence in pieces, each with its own timeline: the first is
        // heard while the rest is still being made. Each piece is a visemes-ready and audio-chunk pair of the index.
        const pieces = synthesizer.synthesizeStream?.(request) ?? [await synthesizer.synthesize(request)];
        for await (const speech of pieces) {
          throwIfAborted(signal);
          if (output.closed) return;
          // The timeline first, so the face is ready when the sound starts.
          output.push({ type: "visemes-ready", index, timeline: speech.timeline });
          output.push({ type: "audio-chunk", index, audio: speech.audio });
        }
      } catch (error) {
        if (isCancelled(error) || signal.aborted) throw error;
        // One sentence the voice cannot say (or a provider hiccup) must not silence the rest of the reply.
        output.push({ type: "speech-failed", index, text, message: userMessage(error) });
      }
    };
    (async () => {
      for await (const part of input) {
        // The reader stopped (barge-in, a closed stream): stop pulling, which closes the stages before this one.
        if (output.closed) break;
        output.push(part);
        if (part.type === "sentence-complete") {
          speaking = speaking.then(() => speak(part.index, part.text));
          // Surface a synthesis failure at once rather than after the brain finishes.
          speaking.catch((error: unknown) => output.fail(error));
        }
      }
      await speaking;
    })().then(
      () => output.end(),
      (error: unknown) => output.fail(error),
    );
    return output;
  };
}

/** Pulls the input eagerly into a buffer so the stages before keep working while later ones are busy. */
export const bufferStage: Stage = (input) => {
  const output = new AsyncQueue<Part>();
  (async () => {
    for await (const part of input) {
      if (output.closed) break;
      output.push(part);
    }
  })().then(
    () => output.end(),
    (error: unknown) => output.fail(error),
  );
  return output;
};

export function compose(
  source: AsyncIterable<Part>,
  stages: Stage[],
  signal: AbortSignal,
): AsyncIterable<Part> {
  return stages.reduce((stream, stage) => stage(stream, signal), source);
}
