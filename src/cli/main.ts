import type { Command } from "commander";
import { COMMANDS } from "./command-table.js";
import type { CliContext, CliContextOptions } from "./context.js";
import { buildProgram as buildFrom, runProgram } from "./program.js";

/**
 * Builds the `aitwin` program. Each command lives in its own file under commands/; only the one `argv` names is
 * loaded (all of them when `argv` names none, as `buildProgram(context)` does), the others are listed for --help
 * by name and summary.
 */
export function buildProgram(context: CliContext, argv?: string[]): Promise<Command> {
  return buildFrom(context, COMMANDS, argv);
}

/** Runs the CLI and returns the exit code; bad input ends with one line on stderr, never a stack trace. */
export function main(argv: string[], options: CliContextOptions = {}): Promise<number> {
  return runProgram(COMMANDS, argv, options);
}
