import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCepstralMean } from "./pocketsphinx-output.js";

/**
 * The model's `feat.params` with `-cmninit` set to the given mean, written to a temporary file. The model's own file
 * is read after the command line and wins over a `-cmninit` argument, so the mean has to go in through `-featparams`.
 */
export function featureParametersWith(modelDir: string, mean: readonly number[]): string {
  const original = readFileSync(`${modelDir}/en-us/feat.params`, "utf8").replace(/^-cmninit .*\n?/m, "");
  const path = join(tmpdir(), `aitwin-sphinx-${process.pid}-${randomBytes(6).toString("hex")}.params`);
  writeFileSync(path, `${original.trimEnd()}\n-cmninit ${mean.map((value) => value.toFixed(2)).join(",")}\n`);
  return path;
}

/** Keeps what matters of the log on stderr: the first error line, and the cepstral-mean updates. */
export class LogWatch {
  error: string | undefined;
  private means = "";
  private partial = "";

  take(text: string): void {
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) {
      if (line.includes("Update to")) this.means = line;
      else if (!this.error && /^(ERROR|FATAL)/.test(line)) this.error = line;
    }
  }

  get cepstralMean(): number[] | undefined {
    return parseCepstralMean(this.means || this.partial);
  }
}
