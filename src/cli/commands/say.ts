import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Command } from "commander";
import { DEFAULT_LOOK } from "../../avatar/illustrated-looks.js";
import { importPhoto } from "../../avatar/node/photo-store.js";
import type { Config } from "../../config.js";
import { BadInputError, ConfigError } from "../../core/errors.js";
import type { Speech } from "../../core/synthesizer.js";
import type { FaceChoice } from "../../core/twin.js";
import { selectProvider, selectRenderer } from "../../providers/select.js";
import { joinSpeech } from "../../voice/join-speech.js";
import type { CliContext } from "../context.js";
import { type MotionFlags, motionFromFlags, withMotionFlags } from "../motion-flags.js";
import { progressBar } from "./progress-bar.js";

interface SayOptions extends MotionFlags {
  output: string;
  photo?: string;
  twin?: string;
  look?: string;
  voice?: string;
  size: string;
  fps: string;
  face?: string;
}

export function sayCommand(context: CliContext): Command {
  const command = new Command("say")
    .description("a talking-head video of TEXT (H.264 + AAC MP4)")
    .argument("<text...>", "what the twin says")
    .requiredOption("-o, --output <file>", "where to write the MP4")
    .option("--photo <file>", "animate this photo (PNG, JPEG or WebP with one clear face)")
    .option("--twin <id>", "use this twin's face and voice")
    .option("--look <name>", `illustrated look when no photo or twin is given (default: ${DEFAULT_LOOK})`)
    .option("--voice <id>", "voice id of the speech provider")
    .option("--size <pixels>", "width and height of the video", "512")
    .option("--fps <n>", "frames per second", "25")
    .option("--face <n>", "which face of a photo with several: 1 the largest (default), 2 the next, …");
  return withMotionFlags(command).action(async (words: string[], options: SayOptions) => {
    if (options.photo && options.twin) throw new BadInputError("give either --photo or --twin, not both");
    const config = context.config();
    const text = words.join(" ").trim();
    if (!text) throw new BadInputError("nothing to say: the text is empty");
    const size = wholeNumber("--size", options.size);
    const fps = wholeNumber("--fps", options.fps);

    let face: FaceChoice = { kind: "illustrated", look: options.look ?? DEFAULT_LOOK };
    const faceNumber = options.face === undefined ? undefined : wholeNumber("--face", options.face);
    if (faceNumber === 0) throw new BadInputError("--face counts from 1 (the largest face)");
    let voice = options.voice;
    // The twin's own face motion, with any flag given here taking its place.
    const flags = motionFromFlags(options);
    let motion = flags;
    if (options.twin) {
      const twin = await (await context.app()).twin(options.twin);
      face = twin.face;
      voice ??= twin.voice.id;
      motion = { ...twin.motion, ...flags };
    } else if (options.photo) {
      const bytes = await readFile(options.photo).catch((error: NodeJS.ErrnoException) => {
        throw new BadInputError(`cannot read the photo ${options.photo}: ${error.code ?? error.message}`);
      });
      const stored = await importPhoto(config.mediaDir, bytes);
      for (const note of stored.notes) {
        // With --face the person chose; the note that the largest is used would mislead.
        if (faceNumber !== undefined && /using the largest/.test(note)) continue;
        context.output.err(`aitwin: ${note}\n`);
      }
      face = { kind: "photo", mediaId: stored.mediaId };
    }

    if (faceNumber !== undefined) {
      if (face.kind !== "photo")
        throw new BadInputError("--face picks a face in a photo: give --photo or a photo twin");
      face = { ...face, face: faceNumber - 1 };
    }
    const renderer = await selectRenderer(face, config);
    if (!renderer)
      throw new ConfigError("no talking-head provider can animate this face (run `aitwin doctor`)");
    const speech = renderer.speaksText ? joinSpeech([]) : await speak(config, text, voice);
    const bar = progressBar(context, "rendering");
    const video = await renderer.render(
      {
        face,
        text,
        ...(voice !== undefined && { voice }),
        audio: speech.audio,
        timeline: speech.timeline,
        size,
        fps,
        ...(motion && { motion }),
        onProgress: bar.update,
      },
      resolve(options.output),
    );
    bar.done();
    context.output.out(
      `${video.path} (${(video.durationMs / 1000).toFixed(2)} s, ${video.width}x${video.height})\n`,
    );
  });
}

async function speak(config: Config, text: string, voice: string | undefined): Promise<Speech> {
  const synthesizer = await selectProvider("speech", config);
  if (!synthesizer) throw new ConfigError("no speech provider is available (run `aitwin doctor`)");
  return synthesizer.synthesize({ text, voice });
}

function wholeNumber(name: string, value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed)) {
    throw new BadInputError(`${name} must be a whole number (got "${value}")`);
  }
  return parsed;
}
