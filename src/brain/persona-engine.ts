import type { ChatModel, ChatRequest } from "../core/chat-model.js";
import { throwIfAborted } from "../core/errors.js";
import { personaReply } from "./persona-replies.js";

/**
 * The offline default brain: retrieval over the twin's biography, facts and memories, dialogue acts and first-person
 * templates. It streams its reply word by word like a model would, so everything downstream (sentence streaming,
 * barge-in) behaves the same whichever brain is active.
 */
export class PersonaEngine implements ChatModel {
  readonly provider = "persona-engine";
  readonly modelId = "persona-engine-1";

  async *stream(request: ChatRequest): AsyncIterable<string> {
    const last = request.messages.at(-1);
    if (last?.role !== "user") throw new Error("the last message must be the user's");
    const reply = personaReply({
      twin: request.twin,
      memories: request.memories,
      history: request.messages.slice(0, -1),
      message: last.content,
    });
    for (const piece of reply.match(/\S+\s*/g) ?? []) {
      throwIfAborted(request.signal);
      // Yield to the event loop between words so a barge-in can land mid-reply.
      await new Promise<void>((resolve) => setImmediate(resolve));
      yield piece;
    }
  }
}
