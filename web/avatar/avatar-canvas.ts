import type { Canvas2D } from "../../src/avatar/canvas-2d.js";
import { drawIllustrated } from "../../src/avatar/draw-illustrated.js";
import type { FaceLandmarks } from "../../src/avatar/face-landmarks.js";
import { FaceAnimation, type FaceState, type SpokenTalk } from "../../src/avatar/face-state.js";
import { illustratedLook } from "../../src/avatar/illustrated-looks.js";
import { PhotoFace } from "../../src/avatar/photo-face.js";
import { cropAroundFace } from "../../src/avatar/photo-mesh.js";
import { seedFromText } from "../../src/avatar/seeded-random.js";
import type { AudioClip } from "../../src/core/audio.js";
import type { FaceMotion, Mood } from "../../src/core/face-motion.js";
import type { SpeechTimeline } from "../../src/core/timeline.js";

export type BrowserFace =
  | { kind: "illustrated"; look: string }
  | { kind: "photo"; image: CanvasImageSource; landmarks: FaceLandmarks };

/** Milliseconds on the clock the audio plays by (AudioContext.currentTime × 1000), so lips follow what is heard. */
export type Clock = () => number;

/**
 * The live face in a <canvas>: the same animation core and drawing code as the MP4 renderer, driven by
 * requestAnimationFrame and timed by the audio clock; between talks it listens (blinks, glances, small nods).
 */
export class AvatarCanvas {
  private readonly context: CanvasRenderingContext2D;
  private readonly animation: FaceAnimation;
  private readonly draw: (state: FaceState) => void;
  private speech: SpokenTalk | undefined;
  private frameRequest = 0;
  private attending = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    face: BrowserFace,
    private readonly clock: Clock = () => performance.now(),
    motion: FaceMotion = {},
  ) {
    const context = canvas.getContext("2d");
    if (!context) throw new Error("2D canvas is not available");
    this.context = context;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", "avatar");
    this.animation = new FaceAnimation(
      seedFromText(face.kind === "illustrated" ? face.look : "photo"),
      motion,
    );
    this.draw = face.kind === "illustrated" ? this.illustrated(face.look) : this.photo(face);
  }

  /**
   * Lip-syncs a talk whose audio starts at `startedAt` on the clock (default: now); its text (a question tilts the
   * head as it ends), mood and audio (its pitch peaks nod), when known, shape the motion as they do in the MP4.
   */
  speak(
    timeline: SpeechTimeline,
    startedAt = this.clock(),
    about: { text?: string; mood?: Mood; audio?: AudioClip } = {},
  ): void {
    this.speech = { timeline, startedAt, ...about };
  }

  /** The person is speaking to the twin (microphone open): it listens visibly, nodding now and then. */
  attend(attending: boolean): void {
    this.attending = attending;
  }

  /** Back to listening at once (barge-in). */
  stopSpeaking(): void {
    this.speech = undefined;
  }

  start(): void {
    const tick = () => {
      this.drawAt(this.clock());
      this.frameRequest = requestAnimationFrame(tick);
    };
    this.frameRequest = requestAnimationFrame(tick);
  }

  stop(): void {
    cancelAnimationFrame(this.frameRequest);
  }

  /** Draws the face as it is at `t` on the clock; a finished talk falls back to listening. */
  drawAt(t: number): FaceState {
    if (this.speech && t > this.speech.startedAt + this.speech.timeline.duration + 500)
      this.speech = undefined;
    const state = this.animation.stateAt(t, this.speech, this.attending);
    this.draw(state);
    return state;
  }

  private illustrated(lookName: string): (state: FaceState) => void {
    const look = illustratedLook(lookName);
    return (state) => drawIllustrated(this.context as unknown as Canvas2D, look, state, this.canvas.width);
  }

  private photo(face: Extract<BrowserFace, { kind: "photo" }>): (state: FaceState) => void {
    const size = this.canvas.width;
    const crop = cropAroundFace(face.landmarks, size);
    this.context.drawImage(face.image, crop.x, crop.y, crop.side, crop.side, 0, 0, size, size);
    const photo = this.context.getImageData(0, 0, size, size);
    const photoFace = new PhotoFace(photo, face.landmarks, crop);
    const frame = this.context.createImageData(size, size);
    let drawn = false;
    return (state) => {
      // The first frame copies the photo; later ones redraw the face over the last (the MP4 renderer does the same).
      if (drawn) photoFace.redrawInto(frame, state);
      else photoFace.drawInto(frame, state);
      drawn = true;
      this.context.putImageData(frame, 0, 0);
    };
  }
}
