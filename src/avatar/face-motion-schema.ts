import { z } from "zod";
import { MOODS, MOTION_RANGES } from "../core/face-motion.js";

const control = (name: keyof typeof MOTION_RANGES) => {
  const { min, max } = MOTION_RANGES[name];
  return z
    .number({ error: `${name} must be a number from ${min} to ${max}` })
    .min(min, `${name} must be a number from ${min} to ${max}`)
    .max(max, `${name} must be a number from ${min} to ${max}`)
    .optional();
};

/** A twin's face motion as the API and the CLI take it: a resting mood and the four controls, each optional. */
export const faceMotionSchema = z
  .object({
    mood: z.enum(MOODS, { error: `mood must be one of ${MOODS.join(", ")}` }).optional(),
    headMotion: control("headMotion"),
    blinkRate: control("blinkRate"),
    expressiveness: control("expressiveness"),
    stillness: control("stillness"),
  })
  .strict();
