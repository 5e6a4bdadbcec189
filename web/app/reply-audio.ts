import type { AudioClip } from "../../src/core/audio.js";
import type { SpeechTimeline } from "../../src/core/timeline.js";
import { decodeWav } from "../../src/voice/wav.js";
import { resumeWithin } from "./audio-start.js";

/** How long the audio output may take to start, once the person has interacted, before the reply goes silent. */
const START_WAIT_MS = 3000;

/** A sentence scheduled on the audio clock: the face starts its lip-sync at `startMs` on `ReplyAudio.clock()`. */
export interface ScheduledSpeech {
  timeline: SpeechTimeline;
  startMs: number;
  /** `performance.now()` at which the first sample plays, for the page's latency figures. */
  startPerformanceMs: number;
  /** Nothing is heard: the browser's audio output did not start, so only the lips say the sentence. */
  silent: boolean;
  /** The sentence's samples as sent (a 16-bit WAV), for the face's pitch accents; absent if not such a WAV. */
  audio?: AudioClip;
}

/**
 * Plays the reply sentence by sentence with Web Audio, gap-free and in order, and keeps the clock the face is drawn
 * by. The clock is the AudioContext's, so lips follow what is heard; before the context may run (no user gesture
 * yet) it follows `performance.now()`, and it never jumps when it switches. Where the audio output never starts
 * although the person has interacted (no sound device), the sentences are "played" silently on that clock, so the
 * lips still say them, and `onNoSound` tells the page once.
 */
export class ReplyAudio {
  private context: AudioContext | undefined;
  private readonly sources = new Set<AudioBufferSourceNode>();
  private readonly silentSentences = new Set<ReturnType<typeof setTimeout>>();
  private nextStart = 0;
  private silentUntilMs = 0;
  private noSound = false;
  private decoding: Promise<unknown> = Promise.resolve();
  private generation = 0;
  private offset = 0;
  private lastValue = 0;
  private wasRunning = false;
  /** Sentences received but not yet scheduled (still decoding, or waiting for the audio output to start). */
  private pending = 0;
  /** Called whenever `busy` may have changed, so the page's state follows the audio rather than a guess. */
  onBusyChange: () => void = () => {};

  constructor(
    private readonly onSpeech: (speech: ScheduledSpeech) => void,
    private readonly onQuiet: () => void,
    private readonly onNoSound: () => void,
  ) {}

  /** Creates or resumes the AudioContext; call from a user gesture (browsers refuse sound before one). */
  unlock(): void {
    this.context ??= new AudioContext({ latencyHint: "interactive" });
    if (this.context.state === "suspended") void this.context.resume();
  }

  /** Milliseconds on the clock the face is drawn by. */
  clock(): number {
    const running = this.context?.state === "running";
    const raw = running && this.context ? this.context.currentTime * 1000 : performance.now();
    if (running !== this.wasRunning) {
      this.offset = this.lastValue - raw;
      this.wasRunning = running;
    }
    this.lastValue = raw + this.offset;
    return this.lastValue;
  }

  /** Seconds on the AudioContext's own clock (0 before it exists): the test and the bench watch it advance. */
  audioTime(): number {
    return this.context?.currentTime ?? 0;
  }

  get speaking(): boolean {
    return this.sources.size > 0 || this.silentSentences.size > 0;
  }

  /** Speaking, or about to: a sentence is playing, scheduled or still being decoded. */
  get busy(): boolean {
    return this.speaking || this.pending > 0;
  }

  /** Queues one sentence's WAV to play right after the previous one. */
  play(wav: ArrayBuffer, timeline: SpeechTimeline): void {
    this.unlock();
    const context = this.context as AudioContext;
    const generation = this.generation;
    // Read before decodeAudioData, which takes the buffer over; the face's motion uses the samples as the MP4 does.
    const audio = samplesOf(wav);
    this.pending++;
    this.onBusyChange();
    // Decoding is asynchronous: chain it so sentence 2 can never overtake sentence 1.
    this.decoding = this.decoding
      .then(() => context.decodeAudioData(wav))
      .then(async (buffer) => {
        // Scheduling needs the running clock; before a user gesture this waits for one.
        const sound = await this.started(context);
        if (generation !== this.generation) return;
        if (sound) this.schedule(context, buffer, timeline, audio);
        else this.scheduleSilently(buffer.duration * 1000, timeline, audio);
      })
      .catch(() => undefined)
      .finally(() => {
        // stop() already forgot the sentences of earlier generations.
        if (generation !== this.generation) return;
        this.pending--;
        this.onBusyChange();
      });
  }

  /** Silence at once (barge-in); sentences still decoding are dropped. */
  stop(): void {
    this.generation++;
    for (const source of this.sources) {
      source.onended = null;
      source.stop();
    }
    this.sources.clear();
    for (const timer of this.silentSentences) clearTimeout(timer);
    this.silentSentences.clear();
    this.nextStart = 0;
    this.silentUntilMs = 0;
    this.pending = 0;
    this.onBusyChange();
  }

  /**
   * True once the context runs. Before the person has interacted, the browser holds sound back until they do, so
   * this waits; after that, a context that has not started within START_WAIT_MS has no device to play on.
   */
  private async started(context: AudioContext): Promise<boolean> {
    if (context.state === "running") return true;
    if (this.noSound) return false;
    while (!(await resumeWithin(context, START_WAIT_MS))) {
      if (navigator.userActivation?.hasBeenActive === false) continue;
      this.noSound = true;
      this.onNoSound();
      return false;
    }
    return true;
  }

  private schedule(
    context: AudioContext,
    buffer: AudioBuffer,
    timeline: SpeechTimeline,
    audio: AudioClip | undefined,
  ): void {
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    // A few ms of lead so the start is never in the past by the time the node is processed.
    const start = Math.max(this.nextStart, context.currentTime + 0.01);
    this.nextStart = start + buffer.duration;
    source.onended = () => {
      this.sources.delete(source);
      if (!this.speaking) this.onQuiet();
      this.onBusyChange();
    };
    this.sources.add(source);
    source.start(start);
    this.clock();
    this.onSpeech({
      timeline,
      startMs: start * 1000 + this.offset,
      startPerformanceMs: performance.now() + (start - context.currentTime) * 1000,
      silent: false,
      ...(audio && { audio }),
    });
  }

  /** The sentence's time passes on the page's clock with nothing heard; the face says it all the same. */
  private scheduleSilently(durationMs: number, timeline: SpeechTimeline, audio: AudioClip | undefined): void {
    const now = this.clock();
    const startMs = Math.max(this.silentUntilMs, now + 10);
    this.silentUntilMs = startMs + durationMs;
    const timer = setTimeout(() => {
      this.silentSentences.delete(timer);
      if (!this.speaking) this.onQuiet();
      this.onBusyChange();
    }, this.silentUntilMs - now);
    this.silentSentences.add(timer);
    this.onSpeech({
      timeline,
      startMs,
      startPerformanceMs: performance.now() + (startMs - now),
      silent: true,
      ...(audio && { audio }),
    });
  }
}

/** The samples of a 16-bit PCM WAV, or undefined for anything else (the face then nods on long vowels only). */
function samplesOf(wav: ArrayBuffer): AudioClip | undefined {
  try {
    return decodeWav(new Uint8Array(wav.slice(0)));
  } catch {
    return undefined;
  }
}
