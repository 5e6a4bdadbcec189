import { BadInputError } from "../core/errors.js";

/**
 * A base voice with a target pitch, a duration stretch and optionally a spectral tilt, written as a voice id
 * (`slt,pitch=182,spread=24,stretch=1.08` or `…,stretch=1.08,tilt=0.62`) so that it travels wherever a voice id
 * does: the twin's profile, talks, `aitwin speak --voice`, the page. Ids without a tilt (made before it existed)
 * mean no tilt.
 */
export interface TunedVoice {
  base: string;
  /** Target mean fundamental frequency, Hz. */
  pitch: number;
  /** Target standard deviation of the fundamental, Hz. */
  spread: number;
  /** Duration multiplier: above 1 speaks slower. */
  stretch: number;
  /** Spectral tilt (`src/voice/spectral-tilt.ts`): above 0 brighter, below darker; absent is 0. */
  tilt?: number;
}

export const TUNING_LIMITS = {
  pitch: [50, 400],
  spread: [0, 100],
  stretch: [0.5, 2],
  tilt: [-0.9, 0.9],
} as const;

const PATTERN =
  /^([a-z0-9_]+),pitch=(\d+(?:\.\d+)?),spread=(\d+(?:\.\d+)?),stretch=(\d+(?:\.\d+)?)(?:,tilt=(-?\d+(?:\.\d+)?))?$/;

/** The tuning in a voice id, undefined for a plain id; a malformed or out-of-range tuning is a BadInputError. */
export function parseTunedVoice(id: string): TunedVoice | undefined {
  if (!id.includes(",")) return undefined;
  const match = PATTERN.exec(id);
  if (!match) {
    throw new BadInputError(
      `voice "${id}" is not a tuned voice (expected BASE,pitch=HZ,spread=HZ,stretch=FACTOR[,tilt=T], e.g. slt,pitch=180,spread=20,stretch=1)`,
    );
  }
  const tuned: TunedVoice = {
    base: match[1] as string,
    pitch: Number(match[2]),
    spread: Number(match[3]),
    stretch: Number(match[4]),
    ...(match[5] !== undefined && { tilt: Number(match[5]) }),
  };
  for (const key of ["pitch", "spread", "stretch", "tilt"] as const) {
    const [low, high] = TUNING_LIMITS[key];
    const value = tuned[key] ?? 0;
    if (value < low || value > high) {
      throw new BadInputError(`voice "${id}": ${key} must be between ${low} and ${high}`);
    }
  }
  return tuned;
}

export function formatTunedVoice(voice: TunedVoice): string {
  const clamp = (key: keyof typeof TUNING_LIMITS, value: number) =>
    Math.min(TUNING_LIMITS[key][1], Math.max(TUNING_LIMITS[key][0], value));
  return [
    voice.base,
    `pitch=${Math.round(clamp("pitch", voice.pitch))}`,
    `spread=${Math.round(clamp("spread", voice.spread))}`,
    `stretch=${clamp("stretch", voice.stretch).toFixed(2)}`,
    // Written only when it changes the sound, so untilted voices keep the ids they always had.
    ...(voice.tilt && Math.abs(voice.tilt) >= 0.005 ? [`tilt=${clamp("tilt", voice.tilt).toFixed(2)}`] : []),
  ].join(",");
}
