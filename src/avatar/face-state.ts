import type { AudioClip } from "../core/audio.js";
import type { FaceMotion } from "../core/face-motion.js";
import type { SpeechTimeline } from "../core/timeline.js";
import { blendExpressions, type Expression, isMood, type Mood, moodExpression } from "./expression.js";
import { IdleMotion } from "./idle-motion.js";
import { type MouthShape, REST_MOUTH } from "./mouth-shapes.js";
import { mouthAt, speechActivity } from "./mouth-track.js";
import { pitchAccents } from "./pitch-accents.js";
import {
  browRaiseAt,
  inPause,
  nodAt,
  questionTiltAt,
  type SpeechGestures,
  speechGestures,
} from "./speech-gestures.js";

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
  /** Brows and mouth corners (mood and emphasis); neutral when absent. Never changes the mouth's opening. */
  expression?: Expression;
}

/** The four controls with their defaults filled in. */
interface MotionControls {
  headMotion: number;
  blinkRate: number;
  expressiveness: number;
  stillness: number;
}

/** A talk being spoken: its timeline, when it started on the animation's clock, its text and mood if known. */
export interface SpokenTalk {
  timeline: SpeechTimeline;
  startedAt: number;
  /** The words as written: a question mark at the end tilts the head as it ends. */
  text?: string;
  /** This reply's mood (from the brain's tone, or D-ID's driver_expressions); the twin's own when absent. */
  mood?: Mood | Expression;
  /** The talk's audio, when at hand: its pitch peaks are accents too (nods and brow raises). */
  audio?: AudioClip;
}

const MOOD_EASE_MS = 400;
const BLINK_AFTER_PAUSE_MS = 60;

/**
 * The animation core: a talk (or silence) plus a seed in, the face at any time t out. No DOM, no Node: the browser
 * drawer and the MP4 renderer both call `stateAt` with their own clock.
 */
export class FaceAnimation {
  private readonly motion: IdleMotion;
  private readonly controls: MotionControls;
  private readonly restExpression: Expression;
  /** Each talk's gestures, worked out once (per text and audio: the same timeline may be said as a question). */
  private readonly gestures = new WeakMap<
    SpeechTimeline,
    { text: string | undefined; audio: AudioClip | undefined; gestures: SpeechGestures }
  >();
  /** The last talk's expression and when it was last seen, so the face eases back to its own mood after it. */
  private lastTalk: { expression: Expression; at: number } | undefined;

  /** `motion`: the twin's resting mood and motion controls (core/face-motion.ts); defaults when absent. */
  constructor(seed: number, motion: FaceMotion = {}) {
    this.controls = {
      headMotion: motion.headMotion ?? 1,
      blinkRate: motion.blinkRate ?? 1,
      expressiveness: motion.expressiveness ?? 1,
      stillness: motion.stillness ?? 0,
    };
    this.motion = new IdleMotion(seed, this.controls.blinkRate);
    this.restExpression = moodExpression(motion.mood ?? "neutral", Math.min(1, this.controls.expressiveness));
  }

  /**
   * The face at `t` ms. `speech` is the talk being spoken and when it started on the same clock; without one the
   * face listens, and `attending` (the person is speaking to it: the microphone is open) makes it listen visibly:
   * small nods every second or two, brows a little up, eyes on the person.
   */
  stateAt(t: number, speech?: SpokenTalk, attending = false): FaceState {
    const { controls } = this;
    const local = speech ? t - speech.startedAt : 0;
    const mouth = speech ? mouthAt(speech.timeline, local) : REST_MOUTH;
    const activity = speech ? speechActivity(speech.timeline, local) : 0;
    const gestures = speech ? this.gesturesOf(speech) : undefined;

    const idleHead = this.motion.headAt(t, activity);
    const drift = controls.headMotion * (1 - Math.min(1, Math.max(0, controls.stillness)));
    const head = {
      yaw: idleHead.yaw * drift,
      pitch: idleHead.pitch * drift,
      roll: idleHead.roll * drift,
      x: idleHead.x * drift,
      // Breathing is not drift: stillness keeps it, only no head motion at all stops it.
      y: idleHead.y * controls.headMotion,
    };
    let browRaise = 0;
    if (gestures) {
      const nod = nodAt(gestures, local) * controls.expressiveness;
      const tilt = questionTiltAt(gestures, local);
      head.pitch += controls.headMotion * (2.4 * nod - 1.2 * tilt);
      head.roll += controls.headMotion * 4 * tilt;
      browRaise = 0.5 * browRaiseAt(gestures, local) * controls.expressiveness + 0.3 * tilt;
    }

    // Blinks: the natural schedule while listening; while speaking, only in pauses, and one as each pause begins.
    let eyelids = this.motion.eyelidsAt(t);
    if (gestures && !inPause(gestures, local)) eyelids = 0;
    if (gestures && controls.blinkRate > 0) {
      for (const pause of gestures.pauses) {
        const since = local - pause.start - BLINK_AFTER_PAUSE_MS;
        if (pause.start > 0 && since >= 0 && since < 260)
          eyelids = Math.max(eyelids, this.motion.blinkShape(since));
      }
    }

    if (!speech && attending) {
      const beat = Math.max(0, Math.sin(2 * Math.PI * 0.55 * (t / 1000))) ** 3;
      head.pitch += controls.headMotion * 1.6 * beat * Math.min(1, controls.expressiveness);
      browRaise += 0.2 * Math.min(1, controls.expressiveness);
    }
    const gaze = this.motion.gazeAt(t);
    const steady = 1 - 0.5 * Math.min(1, Math.max(0, controls.stillness));
    const expression = this.expressionAt(t, speech, local);
    return {
      mouth,
      eyelids,
      // Listening, the eyes hold on the person more.
      gaze: {
        x: gaze.x * steady * (speech ? 1 : attending ? 0.35 : 0.7),
        y: gaze.y * steady * (speech ? 1 : attending ? 0.35 : 0.7),
      },
      head,
      activity,
      expression: { brows: expression.brows + browRaise, smile: expression.smile },
    };
  }

  private gesturesOf(speech: SpokenTalk): SpeechGestures {
    const found = this.gestures.get(speech.timeline);
    if (found && found.text === speech.text && found.audio === speech.audio) return found.gestures;
    const peaks = speech.audio ? pitchAccents(speech.audio) : [];
    const gestures = speechGestures(speech.timeline, speech.text, peaks);
    this.gestures.set(speech.timeline, { text: speech.text, audio: speech.audio, gestures });
    return gestures;
  }

  private expressionAt(t: number, speech: SpokenTalk | undefined, local: number): Expression {
    const rest = this.restExpression;
    if (speech) {
      const target =
        speech.mood === undefined
          ? rest
          : isMood(speech.mood)
            ? moodExpression(speech.mood, Math.min(1, this.controls.expressiveness))
            : speech.mood;
      const expression = blendExpressions(rest, target, local / MOOD_EASE_MS);
      this.lastTalk = { expression, at: t };
      return expression;
    }
    if (!this.lastTalk) return rest;
    const since = t - this.lastTalk.at;
    if (since < 0 || since >= MOOD_EASE_MS) return rest;
    return blendExpressions(this.lastTalk.expression, rest, since / MOOD_EASE_MS);
  }
}
