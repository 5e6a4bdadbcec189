/** Where commands write; tests swap these for buffers. */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: CommandOutput = {
  out: (text) => {
    process.stdout.write(text);
  },
  err: (text) => {
    process.stderr.write(text);
  },
};

export function printJson(output: CommandOutput, value: unknown): void {
  output.out(`${JSON.stringify(value, null, 2)}\n`);
}
