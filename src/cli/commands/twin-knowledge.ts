import { access, constants } from "node:fs/promises";
import { Command } from "commander";
import { retireSeededPersona } from "../../app/default-twin.js";
import { NotFoundError } from "../../core/errors.js";
import type { KnowledgeDocument } from "../../core/knowledge.js";
import { type PreparedDocument, prepareDocument, readDocumentFile } from "../../knowledge/document-import.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";

/**
 * `aitwin twin import [ID] FILE…`: the first argument is the twin's id when more follow and it is not a readable
 * file; otherwise every argument is a file, for the default twin. All files are read and split before any is stored,
 * so one bad file imports none.
 */
export function importCommand(context: CliContext): Command {
  return new Command("import")
    .description("import documents the twin answers from: .txt, .md, .pdf, .docx, chat exports")
    .argument("<files...>", "[ID] FILE…: a twin id first (if it is not a file), then the files")
    .option("--me <name>", "your name in a chat export: only your lines are kept")
    .option("--json", "print the imported documents as JSON")
    .action(async (words: string[], options: { me?: string; json?: boolean }) => {
      const [first, ...rest] = words;
      const idGiven = first !== undefined && rest.length > 0 && !(await readable(first));
      const paths = idGiven ? rest : words;
      const app = await context.app();
      const twin = await app.twin(idGiven ? first : undefined);
      const prepared: PreparedDocument[] = [];
      for (const path of paths) {
        const { name, bytes } = await readDocumentFile(path);
        prepared.push(await prepareDocument(bytes, name, { me: options.me }));
      }
      const imported: KnowledgeDocument[] = [];
      for (const document of prepared) {
        imported.push(await app.store.knowledge.addDocument(twin.id, document, document.passages));
      }
      if (imported.length) await retireSeededPersona(app.store, twin);
      if (options.json) return printJson(context.output, imported);
      for (const document of imported) {
        context.output.out(
          `imported ${document.name} into ${twin.id} as ${document.id}: ${document.kind}, ${count(document.passageCount, "passage")}, ${count(document.characters, "character")}\n`,
        );
      }
    });
}

/** `aitwin twin knowledge [ID]`: the twin's documents; `--delete DOC_ID` deletes one. */
export function knowledgeCommand(context: CliContext): Command {
  return new Command("knowledge")
    .description("list a twin's imported documents, or delete one")
    .argument("[id]", "twin id (default: the default twin)")
    .option("--delete <documentId>", "delete this document and its passages")
    .option("--json", "machine-readable output")
    .action(async (id: string | undefined, options: { delete?: string; json?: boolean }) => {
      const app = await context.app();
      const twin = await app.twin(id);
      if (options.delete !== undefined) {
        const found = (await app.store.knowledge.listDocuments(twin.id)).find(
          (each) => each.id === options.delete,
        );
        if (!found || !(await app.store.knowledge.removeDocument(twin.id, found.id))) {
          throw new NotFoundError(`twin ${twin.id} has no document ${options.delete}`);
        }
        if (options.json) return printJson(context.output, { deleted: found });
        context.output.out(`deleted ${found.id} (${found.name})\n`);
        return;
      }
      const documents = await app.store.knowledge.listDocuments(twin.id);
      if (options.json) return printJson(context.output, documents);
      if (documents.length === 0) {
        context.output.out(`twin ${twin.id} has no documents: aitwin twin import ${twin.id} FILE…\n`);
        return;
      }
      for (const document of documents) {
        const size = `${count(document.passageCount, "passage")}, ${count(document.characters, "character")}`;
        context.output.out(
          `${document.id}  ${document.kind.padEnd(8)}  ${size.padEnd(32)}  ${document.name}\n`,
        );
      }
    });
}

async function readable(path: string): Promise<boolean> {
  return access(path, constants.R_OK).then(
    () => true,
    () => false,
  );
}

function count(value: number, noun: string): string {
  return `${value.toLocaleString("en")} ${noun}${value === 1 ? "" : "s"}`;
}
