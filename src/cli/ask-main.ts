import type { CommandEntry } from "./command-table.js";
import { askCommand } from "./commands/ask.js";
import type { CliContextOptions } from "./context.js";
import { runProgram } from "./program.js";

/** `aitwin ask` as the only command: the same command as in the full table, imported statically. */
export const ASK_ONLY: readonly CommandEntry[] = [
  {
    name: "ask",
    summary: "one turn of the twin's brain: prints the reply",
    load: async () => askCommand,
  },
];

/**
 * The entry of the ask bundle (dist/cli/ask-bundle/, built by bin/build-ask-bundle.ts), which bin/aitwin.js runs for
 * `aitwin ask …`: one file with everything `ask` needs instead of some 500 modules, so it starts in about half the
 * time. Every other command runs from dist/cli/main.js.
 */
export function main(argv: string[], options: CliContextOptions = {}): Promise<number> {
  return runProgram(ASK_ONLY, argv, options);
}
