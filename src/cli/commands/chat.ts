import { createInterface } from "node:readline";
import { Command } from "commander";
import { userMessage } from "../../core/error-mapping.js";
import { BadInputError } from "../../core/errors.js";
import type { CliContext } from "../context.js";

const QUIT = /^\/(quit|exit|bye)$/i;

export function chatCommand(context: CliContext): Command {
  return new Command("chat")
    .description("a conversation with your twin in the terminal (typed input; end with Ctrl-D or /quit)")
    .option("--twin <id>", "which twin to talk to")
    .option("--conversation <id>", "continue an earlier conversation")
    .option("--no-mic", "type instead of speaking (the only input in this version)")
    .option("--no-voice", "do not speak the replies")
    .action(async (options: { twin?: string; conversation?: string; voice: boolean }) => {
      const app = await context.app();
      const twin = await app.twin(options.twin);
      const engine = await app.converse(twin, { conversationId: options.conversation, speech: false });
      const { output } = context;
      if (context.interactive)
        output.out(`Talking with ${twin.name}. Type a message; /quit or Ctrl-D to leave.\n`);
      const lines = createInterface({ input: context.input, terminal: false });
      const prompt = () => {
        if (context.interactive) output.out("you> ");
      };
      prompt();
      // One line at a time: piped input is answered turn by turn, in order.
      for await (const line of lines) {
        const message = line.trim();
        if (QUIT.test(message)) break;
        if (message === "") {
          prompt();
          continue;
        }
        try {
          const turn = await engine.send(message);
          output.out(`${twin.name}> `);
          for await (const part of turn.parts) {
            if (part.type === "text-delta") output.out(part.text);
          }
          output.out("\n");
        } catch (error) {
          // Bad input ends this turn, not the conversation.
          if (!(error instanceof BadInputError)) throw error;
          output.err(`aitwin: ${userMessage(error)}\n`);
        }
        prompt();
      }
      if (context.interactive) output.out("\n");
    });
}
