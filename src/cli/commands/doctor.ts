import { Command } from "commander";
import { diagnose } from "../../providers/select.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";

export function doctorCommand(context: CliContext): Command {
  return new Command("doctor")
    .description("which provider serves each stage, and why the others do not")
    .option("--json", "machine-readable output")
    .action(async (options: { json?: boolean }) => {
      const config = context.config();
      const stages = await diagnose(config);
      const setup = {
        dataDir: config.dataDir,
        database: config.database.kind,
        queue: config.redisUrl ? "bullmq" : "embedded",
      };
      if (options.json) {
        printJson(context.output, { ...setup, stages });
        return;
      }
      const lines = [
        `data dir  ${setup.dataDir}`,
        `database  ${setup.database}`,
        `jobs      ${setup.queue}`,
        "",
      ];
      for (const stage of stages) {
        lines.push(`${stage.stage.padEnd(15)} ${stage.active ?? fallback(stage.stage)}`);
        for (const provider of stage.providers) {
          const mark = provider.id === stage.active ? "✓" : provider.available ? "·" : "✗";
          lines.push(`  ${mark} ${provider.id.padEnd(16)} ${provider.kind.padEnd(8)} ${provider.reason}`);
        }
      }
      context.output.out(`${lines.join("\n")}\n`);
    });
}

function fallback(stage: string): string {
  if (stage === "speech-to-text") return "none (typed input only)";
  if (stage === "speech") return "none (text replies only)";
  if (stage === "talking-head") return "none";
  return "none";
}
