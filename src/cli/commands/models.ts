import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { BadInputError } from "../../core/errors.js";
import { CATALOGUE, type CatalogueEntry, findCatalogueEntry } from "../../models/catalogue.js";
import { downloadFile } from "../../models/downloader.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(0)} MB`;

/** `[#####-----]  42%  120/287 MB` */
export function progressBar(received: number, total: number | undefined, width = 30): string {
  if (!total) return `${megabytes(received)}`;
  const fraction = Math.min(1, received / total);
  const filled = Math.round(fraction * width);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${percent}  ${megabytes(received)}/${megabytes(total)}`;
}

export function modelsCommand(context: CliContext, catalogue: CatalogueEntry[] = CATALOGUE): Command {
  const command = new Command("models").description("the whisper and GGUF models the local providers use");
  command
    .command("list")
    .description("the catalogue, and which models are in the models dir")
    .option("--json", "machine-readable output")
    .action((options: { json?: boolean }) => {
      const { modelsDir } = context.config();
      const rows = catalogue.map((entry) => ({
        ...entry,
        installed: existsSync(join(modelsDir, entry.file)),
      }));
      if (options.json) return printJson(context.output, { modelsDir, models: rows });
      const lines = [`models dir  ${modelsDir}`, ""];
      for (const row of rows) {
        const mark = row.installed ? "✓" : " ";
        lines.push(
          `${mark} ${row.name.padEnd(24)} ${row.kind.padEnd(15)} ${megabytes(row.bytes).padStart(7)}  ${row.licence.padEnd(11)} ${row.description}`,
        );
      }
      context.output.out(`${lines.join("\n")}\n`);
    });
  command
    .command("pull")
    .description("download a model into the models dir (resumable, checksum-verified)")
    .argument("<name>", "a name from `aitwin models list`")
    .action(async (name: string) => {
      const entry = findCatalogueEntry(name, catalogue);
      if (!entry) {
        throw new BadInputError(
          `unknown model ${name}; one of: ${catalogue.map((each) => each.name).join(", ")}`,
        );
      }
      const destination = join(context.config().modelsDir, entry.file);
      if (existsSync(destination) && statSync(destination).size > 0) {
        context.output.out(`${entry.name} is already in ${destination}\n`);
        return;
      }
      let lastDraw = 0;
      const result = await downloadFile({
        url: entry.url,
        destination,
        sha256: entry.sha256,
        bytes: entry.bytes,
        onProgress: (received, total) => {
          // Redraw a few times a second at most: a terminal is slower than a fast network.
          const now = Date.now();
          if (!context.interactive || (now - lastDraw < 200 && received !== total)) return;
          lastDraw = now;
          context.output.err(`\r${entry.name}  ${progressBar(received, total)}`);
        },
      });
      if (context.interactive) context.output.err("\n");
      const resumed = result.resumedFrom > 0 ? `, resumed at ${megabytes(result.resumedFrom)}` : "";
      const check = entry.sha256
        ? "SHA-256 verified"
        : `SHA-256 ${result.sha256} (not pinned in the catalogue: compare it with the publisher's)`;
      context.output.out(
        `pulled ${entry.name} into ${result.path} (${megabytes(result.bytes)}${resumed}); ${check}\n`,
      );
    });
  return command;
}
