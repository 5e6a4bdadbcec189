import { userMessage } from "../core/error-mapping.js";
import { BadInputError } from "../core/errors.js";
import type { TwinProfile } from "../core/twin.js";
import type { ConversationEngine, TurnHandle } from "../pipeline/conversation-engine.js";
import type { AnswerVideos } from "./answer-videos.js";
import type { AudioPlayer } from "./audio-player.js";
import type { CommandOutput } from "./output.js";

/** One exchange in `aitwin chat`: the reply printed as it streams and spoken through the player. */
export async function chatTurn(
  message: string,
  engine: ConversationEngine,
  twin: TwinProfile,
  io: {
    output: CommandOutput;
    player: AudioPlayer | undefined;
    waitForSpeech: boolean;
    videos?: AnswerVideos;
    /** The turn already under way: a reply begun early on these words and kept. */
    turn?: TurnHandle;
  },
): Promise<void> {
  const { output, player } = io;
  try {
    player?.stop();
    const turn = io.turn ?? (await engine.send(message));
    output.out(`${twin.name}> `);
    for await (const part of turn.parts) {
      if (part.type === "text-delta") output.out(part.text);
      if (part.type === "audio-chunk") player?.enqueue(part.audio);
      if (part.type === "speech-failed")
        output.err(`\naitwin: could not say "${part.text}" aloud (${part.message})\n`);
      io.videos?.add(part);
    }
    output.out("\n");
    await io.videos?.write(output);
    if (io.waitForSpeech) await player?.drain();
  } catch (error) {
    // Bad input ends this turn, not the conversation.
    if (!(error instanceof BadInputError)) throw error;
    output.err(`aitwin: ${userMessage(error)}\n`);
  }
}
