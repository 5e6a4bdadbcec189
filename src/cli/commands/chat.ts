import { createInterface } from "node:readline";
import { Command } from "commander";
import { userMessage } from "../../core/error-mapping.js";
import { BadInputError } from "../../core/errors.js";
import { AudioPlayer } from "../audio-player.js";
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
      // Speak only where there is something to hear it through; otherwise save the synthesis work.
      const player = options.voice ? AudioPlayer.find() : undefined;
      const speech = player !== undefined && (await app.synthesizer()) !== undefined;
      const engine = await app.converse(twin, { conversationId: options.conversation, speech });
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
          player?.stop();
          const turn = await engine.send(message);
          output.out(`${twin.name}> `);
          for await (const part of turn.parts) {
            if (part.type === "text-delta") output.out(part.text);
            if (part.type === "audio-chunk") player?.enqueue(part.audio);
          }
          output.out("\n");
          // Piped input waits for the twin to finish speaking; at a terminal, typing again interrupts it.
          if (!context.interactive) await player?.drain();
        } catch (error) {
          // Bad input ends this turn, not the conversation.
          if (!(error instanceof BadInputError)) throw error;
          output.err(`aitwin: ${userMessage(error)}\n`);
        }
        prompt();
      }
      await player?.drain();
      if (context.interactive) output.out("\n");
    });
}
