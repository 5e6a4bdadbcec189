/** Where commands write; tests swap these for buffers. */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

let closedPipeWatched = false;

/**
 * `aitwin ask … | head -1`: once the reader has gone, the rest of the output has nowhere to go, and the command ends
 * quietly, as Unix tools do, instead of with a stack trace for the write that failed (EPIPE).
 */
function endQuietlyWhenReaderGoes(): void {
  if (closedPipeWatched) return;
  closedPipeWatched = true;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(0);
  });
}

export const processOutput: CommandOutput = {
  out: (text) => {
    endQuietlyWhenReaderGoes();
    process.stdout.write(text);
  },
  err: (text) => {
    process.stderr.write(text);
  },
};

export function printJson(output: CommandOutput, value: unknown): void {
  output.out(`${JSON.stringify(value, null, 2)}\n`);
}
