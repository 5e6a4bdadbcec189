import { Command } from "commander";
import type { ReplySource } from "../../core/chat-model.js";
import type { CliContext } from "../context.js";
import { printJson } from "../output.js";

export function askCommand(context: CliContext): Command {
  return new Command("ask")
    .description("one turn of the twin's brain: prints the reply")
    .argument("<text...>", "what to ask")
    .option("--twin <id>", "which twin answers (default: the default twin)")
    .option("--json", "print the reply as JSON")
    .action(async (words: string[], options: { twin?: string; json?: boolean }) => {
      const app = await context.app();
      const twin = await app.twin(options.twin);
      const engine = await app.converse(twin, { speech: false });
      const turn = await engine.send(words.join(" "));
      const sentences: string[] = [];
      const sources: ReplySource[] = [];
      for await (const part of turn.parts) {
        if (part.type === "sources-found") sources.push(...part.sources);
        if (part.type === "sentence-complete") sentences.push(part.text);
        if (part.type === "text-delta" && !options.json) context.output.out(part.text);
      }
      const { text } = await turn.done;
      if (options.json) {
        const brain = await app.brain();
        printJson(context.output, {
          twin: { id: twin.id, name: twin.name },
          reply: text,
          sentences,
          brain: brain.provider,
          // What the reply was built from: facts, memories, passages (with their document); empty for small talk,
          // for "I don't know", and for model brains, which cannot say.
          sources,
        });
      } else {
        context.output.out("\n");
      }
    });
}
