import { Command } from "commander";
import { cloneTwinVoice, tuneTwinVoice } from "../../app/twin-voice.js";
import { BadInputError } from "../../core/errors.js";
import { READING_PASSAGE } from "../../voice/reading-passage.js";
import type { VoiceMeasures } from "../../voice/voice-measures.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";

/** `aitwin twin voice [ID] --sample FILE`: tunes the twin's voice to a recording of the person and keeps it. */
export function twinVoiceCommand(context: CliContext): Command {
  return new Command("voice")
    .description(
      "tune the twin's voice to a recording of you (15 s to 3 min of speech; --passage prints a text to read)",
    )
    .argument("[id]", "twin id (default: the default twin)")
    .option("--sample <file>", "a recording of you speaking: WAV, MP3, Ogg, WebM, M4A, …")
    .option("--clone", "clone the voice with ElevenLabs instead (needs ELEVENLABS_API_KEY)")
    .option("--passage", "print the passage to read for the sample")
    .option("--json", "machine-readable output")
    .action(
      async (
        id: string | undefined,
        options: { sample?: string; clone?: boolean; passage?: boolean; json?: boolean },
      ) => {
        if (options.passage) {
          context.output.out(`${READING_PASSAGE}\n`);
          return;
        }
        if (!options.sample) {
          throw new BadInputError(
            "--sample FILE is needed: a recording of you reading (aitwin twin voice --passage)",
          );
        }
        const app = await context.app();
        if (options.clone) {
          const cloned = await cloneTwinVoice(app, id, options.sample);
          if (options.json) {
            const summary = { twin: cloned.twin.id, voice: cloned.voice, before: cloned.before ?? null };
            return printJson(context.output, summary);
          }
          context.output.out(`${cloned.twin.id} now speaks with ${cloned.voice} (cloned by ElevenLabs)\n`);
          return;
        }
        const result = await tuneTwinVoice(app, id, options.sample);
        if (options.json) {
          return printJson(context.output, {
            twin: result.twin.id,
            voice: result.voice,
            base: result.base,
            before: result.before ?? null,
            sample: result.sample,
            tuned: result.tuned,
          });
        }
        context.output.out(
          `${result.twin.id} now speaks with ${result.voice} (from ${result.base})\n` +
            `  ${line("your sample", result.sample)}\n` +
            `  ${line("tuned voice", result.tuned)}\n`,
        );
      },
    );
}

function line(label: string, measures: VoiceMeasures): string {
  return `${label}: pitch ${Math.round(measures.pitchMean)} Hz (${Math.round(measures.pitchLow)}–${Math.round(measures.pitchHigh)}), ${measures.syllableRate.toFixed(1)} syllables/s, brightness ${Math.round(measures.brightness)} Hz`;
}
