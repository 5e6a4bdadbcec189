import type { ChatModel, ChatRequest } from "../core/chat-model.js";
import { throwIfAborted } from "../core/errors.js";
import { explainReply } from "./persona-replies.js";

/**
 * The offline default brain: retrieval by meaning over the twin's biography, facts, memories and imported passages,
 * dialogue acts and first-person composition; it tells `onSources` which statements a reply used. It streams its reply word by word like a model would, so everything downstream (sentence streaming,
 * barge-in) behaves the same whichever brain is active.
 */
export class PersonaEngine implements ChatModel {
  readonly provider = "persona-engine";
  readonly modelId = "persona-engine-1";

  async *stream(request: ChatRequest): AsyncIterable<string> {
    const last = request.messages.at(-1);
    if (last?.role !== "user") throw new Error("the last message must be the user's");
    const reply = explainReply({
      twin: request.twin,
      memories: request.memories,
      passages: request.passages,
      history: request.messages.slice(0, -1),
      message: last.content,
    });
    request.onSources?.(reply.sources);
    for (const piece of reply.text.match(/\S+\s*/g) ?? []) {
      throwIfAborted(request.signal);
      // Yield to the event loop between words so a barge-in can land mid-reply.
      await new Promise<void>((resolve) => setImmediate(resolve));
      yield piece;
    }
  }
}
