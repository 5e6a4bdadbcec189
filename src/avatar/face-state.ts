import type { SpeechTimeline } from "../core/timeline.js";
import { IdleMotion } from "./idle-motion.js";
import { type MouthShape, REST_MOUTH } from "./mouth-shapes.js";
import { mouthAt, speechActivity } from "./mouth-track.js";

/** Everything a drawer needs for one frame. Drawers map these neutral units onto their own geometry. */
export interface FaceState {
  mouth: MouthShape;
  /** 0 open .. 1 closed. */
  eyelids: number;
  /** -1..1 of the eyes' range. */
  gaze: { x: number; y: number };
  /** Degrees, and offsets as a fraction of the face height. */
  head: { yaw: number; pitch: number; roll: number; x: number; y: number };
  /** 0 listening .. 1 speaking. */
  activity: number;
}

/**
 * The animation core: a talk (or silence) plus a seed in, the face at any time t out. No DOM, no Node: the browser
 * drawer and the MP4 renderer both call `stateAt` with their own clock.
 */
export class FaceAnimation {
  private readonly motion: IdleMotion;
  constructor(seed: number) {
    this.motion = new IdleMotion(seed);
  }

  /**
   * The face at `t` ms. `speech` is the talk being spoken and when it started on the same clock; without one the
   * face listens.
   */
  stateAt(t: number, speech?: { timeline: SpeechTimeline; startedAt: number }): FaceState {
    const local = speech ? t - speech.startedAt : 0;
    const mouth = speech ? mouthAt(speech.timeline, local) : REST_MOUTH;
    const activity = speech ? speechActivity(speech.timeline, local) : 0;
    return {
      mouth,
      eyelids: this.motion.eyelidsAt(t),
      gaze: this.motion.gazeAt(t),
      head: this.motion.headAt(t, activity),
      activity,
    };
  }
}
