import { type Random, seededRandom } from "./seeded-random.js";

/**
 * The small involuntary motion that makes a face look alive: blinks at natural, irregular intervals, glances, and a
 * slow drifting head. Everything is a deterministic function of (seed, t), generated lazily so a live face can run
 * for hours while a render of the same seed gives the same frames.
 */
const BLINK_CLOSE_MS = 70;
const BLINK_HOLD_MS = 40;
const BLINK_OPEN_MS = 120;
const BLINK_MS = BLINK_CLOSE_MS + BLINK_HOLD_MS + BLINK_OPEN_MS;

/** Times that grow lazily from a seeded interval generator. */
class LazySchedule {
  readonly times: number[] = [];
  private readonly random: Random;
  constructor(
    seed: number,
    private readonly nextInterval: (random: Random) => number,
  ) {
    this.random = seededRandom(seed);
  }
  /** Extends the schedule past t; returns the index of the last time ≤ t, or -1. */
  lastAtOrBefore(t: number): number {
    while ((this.times.at(-1) ?? Number.NEGATIVE_INFINITY) <= t) {
      this.times.push((this.times.at(-1) ?? 0) + this.nextInterval(this.random));
    }
    let index = this.times.length - 1;
    while (index >= 0 && (this.times[index] as number) > t) index--;
    return index;
  }
}

export class IdleMotion {
  private readonly blinks: LazySchedule;
  private readonly glances: LazySchedule;
  private readonly glanceTargets: { x: number; y: number }[] = [];
  private readonly targetRandom: Random;
  private readonly phases: number[];

  /** `blinkRate` scales how often the eyes blink (1 natural, 0 never). */
  constructor(seed: number, blinkRate = 1) {
    // People blink every 2-6 s, sometimes twice in a row.
    const rate = Math.max(0, blinkRate);
    this.blinks = new LazySchedule(seed, (random) =>
      rate === 0
        ? Number.POSITIVE_INFINITY
        : random() < 0.15
          ? BLINK_MS + 120
          : (2000 + random() * 4000) / rate,
    );
    this.glances = new LazySchedule(seed ^ 0x9e3779b9, (random) => 700 + random() * 2600);
    this.targetRandom = seededRandom(seed ^ 0x85ebca6b);
    const phaseRandom = seededRandom(seed ^ 0xc2b2ae35);
    this.phases = Array.from({ length: 8 }, () => phaseRandom() * Math.PI * 2);
  }

  /** 0 = eyes open, 1 = closed. */
  eyelidsAt(t: number): number {
    const index = this.blinks.lastAtOrBefore(t);
    if (index < 0) return 0;
    return this.blinkShape(t - (this.blinks.times[index] as number));
  }

  /** The lid `since` ms into a blink: closing, held, opening, then open. */
  blinkShape(since: number): number {
    if (since < 0) return 0;
    if (since < BLINK_CLOSE_MS) return easeInOut(since / BLINK_CLOSE_MS);
    if (since < BLINK_CLOSE_MS + BLINK_HOLD_MS) return 1;
    if (since < BLINK_MS) return 1 - easeInOut((since - BLINK_CLOSE_MS - BLINK_HOLD_MS) / BLINK_OPEN_MS);
    return 0;
  }

  /** Where the eyes look, -1..1 of their range; glances are quick (saccades) and then hold. */
  gazeAt(t: number): { x: number; y: number } {
    const index = this.glances.lastAtOrBefore(t);
    const target = this.glanceTarget(index);
    const previous = this.glanceTarget(index - 1);
    const since = index < 0 ? Number.POSITIVE_INFINITY : t - (this.glances.times[index] as number);
    const progress = easeInOut(Math.min(1, since / 60));
    return { x: lerp(previous.x, target.x, progress), y: lerp(previous.y, target.y, progress) };
  }

  /** Head angles in degrees and offsets as a fraction of face height; `activity` 0..1 (speaking) adds motion. */
  headAt(t: number, activity: number): { yaw: number; pitch: number; roll: number; x: number; y: number } {
    const seconds = t / 1000;
    const wave = (frequency: number, phase: number) =>
      Math.sin(2 * Math.PI * frequency * seconds + (this.phases[phase] as number));
    const amount = 1 + 1.8 * activity;
    // A listening head tilts a little and nods slowly; a speaking one moves with the phrase.
    const listening = 1 - activity;
    return {
      yaw: amount * (1.2 * wave(0.11, 0) + 0.6 * wave(0.29, 1)),
      pitch:
        amount * (0.8 * wave(0.17, 2) + 0.4 * wave(0.41, 3)) + listening * 0.6 * Math.max(0, wave(0.35, 4)),
      roll: amount * 0.7 * wave(0.07, 5) + listening * 2,
      x: 0.004 * amount * wave(0.05, 6),
      // Breathing: a slow rise and fall.
      y: 0.004 * wave(0.25, 7),
    };
  }

  private glanceTarget(index: number): { x: number; y: number } {
    if (index < 0) return { x: 0, y: 0 };
    while (this.glanceTargets.length <= index) {
      // Mostly back at the listener, sometimes away.
      const away = this.targetRandom() < 0.4;
      const x = away ? (this.targetRandom() * 2 - 1) * 0.7 : (this.targetRandom() * 2 - 1) * 0.15;
      const y = away ? (this.targetRandom() * 2 - 1) * 0.4 : (this.targetRandom() * 2 - 1) * 0.1;
      this.glanceTargets.push({ x, y });
    }
    return this.glanceTargets[index] as { x: number; y: number };
  }
}

function easeInOut(x: number): number {
  const clamped = Math.min(1, Math.max(0, x));
  return clamped * clamped * (3 - 2 * clamped);
}

function lerp(a: number, b: number, amount: number): number {
  return a + (b - a) * amount;
}
