import { z } from "zod";
import { faceMotionSchema } from "../avatar/face-motion-schema.js";
import { MOODS } from "../core/face-motion.js";

/** D-ID allows scripts up to this long; our synthesizer speaks long text sentence by sentence. */
export const MAX_SCRIPT_CHARACTERS = 5000;

const url = (field: string) =>
  z
    .string()
    .trim()
    .min(1, `${field} is required`)
    .max(2048)
    .refine(URL.canParse, `${field} must be a valid uri`);

const textScript = z.object({
  type: z.literal("text"),
  input: z
    .string()
    .trim()
    .min(3, "script.input length must be at least 3 characters long")
    .max(MAX_SCRIPT_CHARACTERS, `script.input must be at most ${MAX_SCRIPT_CHARACTERS} characters`),
  provider: z
    .object({
      type: z.string().min(1).max(40),
      voice_id: z.string().min(1).max(100).optional(),
      // Microsoft's style, rate and pitch; other providers' settings (ElevenLabs' stability, …) pass unused.
      voice_config: z
        .object({
          style: z.string().max(40).optional(),
          rate: z.union([z.string().max(20), z.number()]).optional(),
          pitch: z.union([z.string().max(20), z.number()]).optional(),
        })
        .passthrough()
        .optional(),
    })
    .optional(),
  ssml: z.boolean().optional(),
});

const audioScript = z.object({ type: z.literal("audio"), audio_url: url("script.audio_url") });

/**
 * D-ID's `config.driver_expressions`: moods from given frames on, each reached over `transition_frames`. D-ID names
 * them neutral, happy, serious and surprise; "surprised" is taken too.
 */
const driverExpressions = z.object({
  expressions: z
    .array(
      z.object({
        start_frame: z.number().int().min(0),
        expression: z.enum(["neutral", "happy", "serious", "surprise", "surprised"], {
          error:
            'config.driver_expressions.expressions[].expression must be one of "neutral", "happy", "serious", "surprise"',
        }),
        intensity: z.number().min(0).max(1).optional(),
      }),
    )
    .min(1, "config.driver_expressions.expressions must have at least 1 item")
    .max(100),
  transition_frames: z.number().int().min(0).max(500).optional(),
});

export type DriverExpressions = z.infer<typeof driverExpressions>;

/** The body of `POST /talks`, as D-ID documents it (fields we do not use are accepted and ignored, as D-ID does). */
export const talkRequestSchema = z.object({
  source_url: url("source_url"),
  script: z.discriminatedUnion("type", [textScript, audioScript], {
    error: 'script.type must be "text" or "audio"',
  }),
  webhook: url("webhook").optional(),
  user_data: z.string().max(500).optional(),
  config: z
    .object({
      result_format: z.enum(["mp4"]).optional(),
      // Not D-ID's: our renderer's square size and frame rate; the defaults suit a chat window.
      size: z.number().int().min(64).max(1024).multipleOf(2).optional(),
      fps: z.number().int().min(1).max(30).optional(),
      driver_expressions: driverExpressions.optional(),
      // Not D-ID's: the twin's face motion (as on /api/twins) and this reply's mood, so a talk moves as the page's
      // face did; D-ID's driver_expressions, when given, take precedence over `mood`.
      motion: faceMotionSchema.optional(),
      mood: z.enum(MOODS, { error: `config.mood must be one of ${MOODS.join(", ")}` }).optional(),
    })
    .passthrough()
    .optional(),
  name: z.string().max(200).optional(),
  // D-ID's face in a photo with several: the one whose box is nearest this one is animated (default: the largest).
  face: z
    .object({
      top_left: z.tuple([z.number().min(0), z.number().min(0)]),
      size: z.number().positive(),
    })
    .passthrough()
    .optional(),
});

export type TalkRequest = z.infer<typeof talkRequestSchema>;
