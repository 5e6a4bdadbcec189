import { Command } from "commander";
import type { Config } from "../../config.js";
import { candidates } from "../../providers/candidates.js";
import { diagnose, type StageReport } from "../../providers/select.js";
import { webhookSecret } from "../../talks/webhook-signing.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";

export function doctorCommand(context: CliContext): Command {
  return new Command("doctor")
    .description("which provider serves each stage, and why the others do not")
    .option("--json", "machine-readable output")
    .option("--probe", "also make a cheap authenticated call to each available cloud provider")
    .action(async (options: { json?: boolean; probe?: boolean }) => {
      const config = context.config();
      const stages = await diagnose(config);
      if (options.probe) await probe(config, stages);
      const setup = {
        dataDir: config.dataDir,
        database: config.database.kind,
        queue: config.redisUrl ? "bullmq" : "embedded",
        // Talk webhooks' receivers verify signatures with this (Standard Webhooks); it is this install's own.
        webhookSecret: await webhookSecret(config.dataDir),
      };
      if (options.json) {
        printJson(context.output, { ...setup, stages });
        return;
      }
      const lines = [
        `data dir  ${setup.dataDir}`,
        `database  ${setup.database}`,
        `jobs      ${setup.queue}`,
        `webhooks  signed with ${setup.webhookSecret}`,
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

/** Replaces the offline verdict of each available provider that can probe with the verdict of a real call. */
async function probe(config: Config, stages: StageReport[]): Promise<void> {
  for (const stage of stages) {
    for (const provider of stage.providers) {
      const candidate = candidates.find((each) => each.stage === stage.stage && each.id === provider.id);
      if (provider.available && candidate?.probe) Object.assign(provider, await candidate.probe(config));
    }
    stage.active = stage.providers.find((each) => each.available)?.id ?? null;
  }
}
