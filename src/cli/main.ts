import { Command, CommanderError } from "commander";
import { exitCodeFor, userMessage } from "../core/error-mapping.js";
import { askCommand } from "./commands/ask.js";
import { chatCommand } from "./commands/chat.js";
import { doctorCommand } from "./commands/doctor.js";
import { modelsCommand } from "./commands/models.js";
import { sayCommand } from "./commands/say.js";
import { serveCommand } from "./commands/serve.js";
import { speakCommand } from "./commands/speak.js";
import { transcribeCommand } from "./commands/transcribe.js";
import { twinCommand } from "./commands/twin.js";
import { workerCommand } from "./commands/worker.js";
import { type CliContext, type CliContextOptions, createCliContext } from "./context.js";

/** Builds the `aitwin` program. Each command lives in its own file under commands/. */
export function buildProgram(context: CliContext): Command {
  const program = new Command("aitwin")
    .description("Talk face to face with a digital twin of yourself.")
    .version("0.1.0")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.output.out(text),
      writeErr: (text) => context.output.err(text),
      outputError: () => {},
    });
  for (const make of [
    serveCommand,
    askCommand,
    chatCommand,
    twinCommand,
    speakCommand,
    sayCommand,
    doctorCommand,
    transcribeCommand,
    modelsCommand,
    workerCommand,
  ]) {
    program.addCommand(make(context).exitOverride());
  }
  return program;
}

/** Runs the CLI and returns the exit code; bad input ends with one line on stderr, never a stack trace. */
export async function main(argv: string[], options: CliContextOptions = {}): Promise<number> {
  const context = createCliContext(options);
  try {
    await buildProgram(context).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      // Help shown because no command was given: the help itself was the message.
      if (error.code === "commander.help") return 2;
      context.output.err(`aitwin: ${error.message.replace(/^error: /, "")}\n`);
      return 2;
    }
    context.output.err(`aitwin: ${userMessage(error)}\n`);
    if (process.env.AITWIN_DEBUG && error instanceof Error) context.output.err(`${error.stack}\n`);
    return exitCodeFor(error);
  } finally {
    await context.close();
  }
}
