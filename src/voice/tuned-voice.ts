import { BadInputError } from "../core/errors.js";

/**
 * A base voice with a target pitch and a duration stretch, written as a voice id
 * (`slt,pitch=182,spread=24,stretch=1.08`) so that it travels wherever a voice id does: the twin's profile, talks,
 * `aitwin speak --voice`, the page.
 */
export interface TunedVoice {
  base: string;
  /** Target mean fundamental frequency, Hz. */
  pitch: number;
  /** Target standard deviation of the fundamental, Hz. */
  spread: number;
  /** Duration multiplier: above 1 speaks slower. */
  stretch: number;
}

export const TUNING_LIMITS = {
  pitch: [50, 400],
  spread: [0, 100],
  stretch: [0.5, 2],
} as const;

const PATTERN = /^([a-z0-9_]+),pitch=(\d+(?:\.\d+)?),spread=(\d+(?:\.\d+)?),stretch=(\d+(?:\.\d+)?)$/;

/** The tuning in a voice id, undefined for a plain id; a malformed or out-of-range tuning is a BadInputError. */
export function parseTunedVoice(id: string): TunedVoice | undefined {
  if (!id.includes(",")) return undefined;
  const match = PATTERN.exec(id);
  if (!match) {
    throw new BadInputError(
      `voice "${id}" is not a tuned voice (expected BASE,pitch=HZ,spread=HZ,stretch=FACTOR, e.g. slt,pitch=180,spread=20,stretch=1)`,
    );
  }
  const tuned: TunedVoice = {
    base: match[1] as string,
    pitch: Number(match[2]),
    spread: Number(match[3]),
    stretch: Number(match[4]),
  };
  for (const key of ["pitch", "spread", "stretch"] as const) {
    const [low, high] = TUNING_LIMITS[key];
    if (tuned[key] < low || tuned[key] > high) {
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
  ].join(",");
}
