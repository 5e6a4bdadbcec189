import { moodOfReply } from "../../src/avatar/reply-mood.js";
import type { FaceMotion } from "../../src/core/face-motion.js";
import type { SpeechTimeline } from "../../src/core/timeline.js";
import { AvatarCanvas, type BrowserFace } from "../avatar/avatar-canvas.js";
import type { ScheduledSpeech } from "./reply-audio.js";

/**
 * The twin's face on the page: one AvatarCanvas (replaced when the face changes), drawn every animation frame on
 * the audio clock, with the reply's sentences queued so each lip-syncs from the moment its audio starts.
 */
export class FaceView {
  private avatar: AvatarCanvas | undefined;
  private queue: ScheduledSpeech[] = [];
  private current: ScheduledSpeech | undefined;
  private frameRequest = 0;
  /** The reply being written so far: its words set the mood the face speaks it in. */
  private replyText = "";
  private attending = false;
  /** Each sentence's own text, when the stream sent it: a question tilts the head as it ends. */
  private readonly sentenceTexts = new WeakMap<SpeechTimeline, string>();
  /** Counts frames drawn while a sentence plays: the test and the bench see the face animate. */
  speakingFrames = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly clock: () => number,
    private readonly onSpeakingFrame: (speech: ScheduledSpeech) => void,
  ) {}

  /** `motion`: the twin's resting mood and motion controls, as the MP4 renderer uses them. */
  setFace(face: BrowserFace, motion: FaceMotion = {}): void {
    this.avatar = new AvatarCanvas(this.canvas, face, this.clock, motion);
    this.avatar.attend(this.attending);
    if (this.current) this.speakCurrent();
    if (!this.frameRequest) this.frameRequest = requestAnimationFrame(() => this.tick());
  }

  speak(speech: ScheduledSpeech): void {
    this.queue.push(speech);
  }

  /** The microphone opened or closed: the face attends while the person speaks. */
  attend(attending: boolean): void {
    this.attending = attending;
    this.avatar?.attend(attending);
  }

  /** A new exchange begins: the next reply's words decide its mood afresh. */
  newReply(): void {
    this.replyText = "";
  }

  /** The text of the sentence this timeline says. */
  sentenceText(timeline: SpeechTimeline, text: string): void {
    this.sentenceTexts.set(timeline, text);
  }

  /** More of the reply's text, as it streams. */
  hearReply(delta: string): void {
    this.replyText += delta;
  }

  private speakCurrent(): void {
    if (!this.current) return;
    const mood = moodOfReply(this.replyText);
    const text = this.sentenceTexts.get(this.current.timeline);
    this.avatar?.speak(this.current.timeline, this.current.startMs, {
      ...(mood && { mood }),
      ...(text !== undefined && { text }),
      ...(this.current.audio && { audio: this.current.audio }),
    });
  }

  stopSpeaking(): void {
    this.queue = [];
    this.current = undefined;
    this.avatar?.stopSpeaking();
  }

  private tick(): void {
    const t = this.clock();
    // The latest sentence whose audio has started is the one the lips follow.
    while (this.queue[0] && this.queue[0].startMs <= t) {
      this.current = this.queue.shift();
      this.speakCurrent();
    }
    if (this.current && t > this.current.startMs + this.current.timeline.duration) this.current = undefined;
    this.avatar?.drawAt(t);
    if (this.current) {
      this.speakingFrames++;
      this.onSpeakingFrame(this.current);
    }
    this.frameRequest = requestAnimationFrame(() => this.tick());
  }
}
