import type { ChatMessage, ChatModel } from "../core/chat-model.js";
import type { TwinProfile } from "../core/twin.js";
import type { MemoryRepository } from "../store/store.js";
import { applyMemoryCommand } from "./memory-actions.js";
import { parseMemoryCommand } from "./memory-commands.js";
import { buildSystemPrompt } from "./prompt-builder.js";

export interface ThinkRequest {
  twin: TwinProfile;
  /** Earlier turns of this conversation, oldest first. */
  history: ChatMessage[];
  message: string;
  signal?: AbortSignal;
}

/**
 * The twin's side of one exchange, whichever brain is active: memory commands ("remember that …", "forget …") are
 * carried out here so every brain learns the same way; everything else goes to the brain with the persona prompt.
 */
export async function* think(
  request: ThinkRequest,
  brain: ChatModel,
  memories: MemoryRepository,
): AsyncIterable<string> {
  const command = parseMemoryCommand(request.message);
  if (command) {
    yield await applyMemoryCommand(command, request.twin, memories);
    return;
  }
  const all = await memories.list(request.twin.id);
  let system: string | undefined;
  yield* brain.stream({
    twin: request.twin,
    memories: all,
    messages: [...request.history, { role: "user", content: request.message }],
    passages: [],
    // Built on first read: model brains read it, the built-in persona engine does its own retrieval and never does.
    get system() {
      system ??= buildSystemPrompt(request.twin, all, request.message);
      return system;
    },
    signal: request.signal,
  });
}
