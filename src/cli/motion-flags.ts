import type { Command } from "commander";
import { faceMotionSchema } from "../avatar/face-motion-schema.js";
import { BadInputError } from "../core/errors.js";
import { type FaceMotion, MOODS } from "../core/face-motion.js";

/** The face-motion flags `twin edit` and `say` share. */
export interface MotionFlags {
  mood?: string;
  headMotion?: string;
  blinkRate?: string;
  expressiveness?: string;
  stillness?: string;
}

export function withMotionFlags(command: Command): Command {
  return command
    .option("--mood <mood>", `resting mood: ${MOODS.join(", ")}`)
    .option("--head-motion <n>", "head motion, 0 (none) to 2 (lively); 1 is natural")
    .option("--blink-rate <n>", "blinks, 0 (none) to 2 (twice as often); 1 is natural")
    .option("--expressiveness <n>", "nods, brow raises and how strongly moods show, 0 to 2; 1 is natural")
    .option("--stillness <n>", "how still the head keeps between gestures, 0 (natural drift) to 1");
}

/** The flags given, as a FaceMotion (undefined when none was given); a one-line error for a bad value. */
export function motionFromFlags(flags: MotionFlags): FaceMotion | undefined {
  const number = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (value.trim() === "" || !Number.isFinite(parsed))
      throw new BadInputError(`--${name} must be a number`);
    return parsed;
  };
  const given = {
    mood: flags.mood,
    headMotion: number("head-motion", flags.headMotion),
    blinkRate: number("blink-rate", flags.blinkRate),
    expressiveness: number("expressiveness", flags.expressiveness),
    stillness: number("stillness", flags.stillness),
  };
  const present = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  if (Object.keys(present).length === 0) return undefined;
  const parsed = faceMotionSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = String(issue?.path[0] ?? "").replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    throw new BadInputError(`--${flag}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}
