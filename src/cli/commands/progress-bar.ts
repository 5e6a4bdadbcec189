import type { CliContext } from "../context.js";

/** A one-line bar on stderr when stdout is a terminal; silent otherwise, so pipes and tests get clean output. */
export function progressBar(context: CliContext, label: string) {
  const width = 30;
  let shown = -1;
  return {
    update(fraction: number) {
      if (!context.interactive) return;
      const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
      if (percent === shown) return;
      shown = percent;
      const filled = Math.round((percent / 100) * width);
      context.output.err(`\r${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${percent}%`);
    },
    done() {
      if (context.interactive && shown >= 0) context.output.err("\n");
    },
  };
}
