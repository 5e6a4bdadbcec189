import { Command, CommanderError } from "commander";
import { exitCodeFor, userMessage } from "../core/error-mapping.js";
import type { CommandEntry } from "./command-table.js";
import { type CliContext, type CliContextOptions, createCliContext } from "./context.js";

/**
 * Builds the `aitwin` program from a table of commands. Only the command `argv` names is loaded (all of them when
 * `argv` names none); the others are listed for --help by name and summary.
 */
export async function buildProgram(
  context: CliContext,
  commands: readonly CommandEntry[],
  argv?: string[],
): Promise<Command> {
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
  const wanted = argv ? commandNamed(commands, argv) : undefined;
  if (wanted || !argv) await context.prepare();
  for (const entry of commands) {
    if (argv && entry.name !== wanted) {
      program.command(entry.name).description(entry.summary).allowUnknownOption().allowExcessArguments();
      continue;
    }
    const make = await entry.load();
    program.addCommand(make(context).exitOverride());
  }
  return program;
}

/** The command `argv` runs (`aitwin twin show` → twin; `aitwin help say` → say), if any. */
function commandNamed(commands: readonly CommandEntry[], argv: string[]): string | undefined {
  const words = argv.slice(2).filter((word) => !word.startsWith("-"));
  const first = words[0] === "help" ? words[1] : words[0];
  return commands.some((entry) => entry.name === first) ? first : undefined;
}

/** Runs the program and returns the exit code; bad input ends with one line on stderr, never a stack trace. */
export async function runProgram(
  commands: readonly CommandEntry[],
  argv: string[],
  options: CliContextOptions = {},
): Promise<number> {
  const context = createCliContext(options);
  try {
    await (await buildProgram(context, commands, argv)).parseAsync(argv);
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
