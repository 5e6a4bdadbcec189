import { toSpeechClip } from "../../audio-input/decode-audio.js";
import { type AudioClip, audioDurationMs, type EncodedAudio } from "../../core/audio.js";
import { BadInputError, throwIfAborted } from "../../core/errors.js";
import type {
  TranscribeOptions,
  Transcriber,
  Transcript,
  TranscriptionStream,
} from "../../core/transcriber.js";
import type { PocketsphinxInstall } from "./pocketsphinx-install.js";
import { type PocketsphinxRunOptions, PocketsphinxStream } from "./pocketsphinx-process.js";
import { SPARE_TIMING, SpareStream, type SpareTiming } from "./spare-stream.js";

/** A live stream prints the words of a phrase after this much quiet, in time for the turn-end rules. */
const LIVE_CLOSE_AFTER_MS = 200;
/**
 * ...and closes it sooner still once the audio it is sent shows this much quiet: longer than most gaps between the
 * words of a phrase, and the start-early point: the words of a pause are known soon after it.
 */
const LIVE_CLOSE_AT_PAUSE_MS = 120;

/**
 * CMU PocketSphinx (Debian `pocketsphinx`), one process per request or stream, fed raw 16 kHz PCM through a pipe. English only, and far
 * less accurate than whisper, but it needs no download: the offline recogniser that is there out of the box.
 *
 * The recogniser normalises by a running cepstral mean that it only updates at the end of an utterance, so a run's
 * first utterance is decoded against the model's generic mean and loses words ("ten of clubs" heard as "i've been up
 * close"). A file is therefore heard twice: a quick pass learns the recording's mean, and the real pass starts from
 * it. A live stream cannot wait for that; it starts from the mean the previous stream ended on (the same person at
 * the same microphone, usually), so only the first turn after start is decoded cold.
 */
export class PocketsphinxTranscriber implements Transcriber {
  readonly provider = "pocketsphinx";
  readonly modelId = "cmusphinx-en-us-5.2";

  /** The cepstral mean the last stream ended on: where the next one starts. */
  private speakerMean: number[] | undefined;
  /** The next live stream's recogniser, loaded while the twin answers. */
  private readonly spare: SpareStream;

  constructor(
    private readonly install: PocketsphinxInstall,
    spareTiming: SpareTiming = SPARE_TIMING,
  ) {
    this.spare = new SpareStream(() => this.liveStream(), spareTiming);
  }

  async transcribe(audio: AudioClip | EncodedAudio, options: TranscribeOptions = {}): Promise<Transcript> {
    englishOnly(options);
    const clip = await toSpeechClip(audio, options.signal);
    const durationMs = audioDurationMs(clip);
    if (clip.samples.length === 0) return { text: "", words: [], durationMs };
    // The whole clip through the same pipe a live stream uses, twice; an abort kills the process.
    const learn = await this.run(clip, { quick: true }, options.signal);
    return (await this.run(clip, { cepstralMean: learn.cepstralMean }, options.signal)).transcript;
  }

  /** Recognises while the audio arrives: a 3 s question is decoded as it is spoken, not after. */
  openStream(options: TranscribeOptions = {}): TranscriptionStream {
    englishOnly(options);
    const stream = this.spare.take() ?? this.liveStream();
    return {
      write: (samples) => stream.write(samples),
      heardSoFar: () => stream.heardSoFar(),
      heardWordsSoFar: () => stream.heardWordsSoFar(),
      onHeard: (listener) => stream.onHeard(listener),
      cancel: () => {
        stream.cancel();
        this.spare.prepare();
      },
      finish: async () => {
        try {
          const result = await stream.finishRun();
          if (result.cepstralMean) this.speakerMean = result.cepstralMean;
          return result.transcript;
        } finally {
          this.spare.prepare();
        }
      },
    };
  }

  /** The first live stream's recogniser, loaded now (`aitwin chat` asks as it starts listening, the page at Talk). */
  prepareStream(): void {
    this.spare.prepare(0);
  }

  /** Whether the next live stream will start on a recogniser already loaded. */
  get spareReady(): boolean {
    return this.spare.ready;
  }

  private liveStream(): PocketsphinxStream {
    return new PocketsphinxStream(this.install, {
      cepstralMean: this.speakerMean,
      closeAfterMs: LIVE_CLOSE_AFTER_MS,
      closeAtPauseMs: LIVE_CLOSE_AT_PAUSE_MS,
      // Both passes kept: without the second (`-fwdflat no`) the words of a pause came back sooner still on the
      // bench, but the page test's finished question waited the full 1.5 s for them in 4 of 6 runs (0 of 5 with it).
      lighter: true,
    });
  }

  private async run(clip: AudioClip, runOptions: PocketsphinxRunOptions, signal?: AbortSignal) {
    throwIfAborted(signal);
    const stream = new PocketsphinxStream(this.install, runOptions);
    const cancel = () => stream.cancel();
    signal?.addEventListener("abort", cancel, { once: true });
    try {
      stream.write(clip.samples);
      return await stream.finishRun();
    } finally {
      signal?.removeEventListener("abort", cancel);
    }
  }
}

function englishOnly(options: TranscribeOptions): void {
  if (options.language && !/^en\b/i.test(options.language)) {
    throw new BadInputError(`pocketsphinx recognises English only, not ${options.language}`);
  }
}
