import type { ChatMessage, ChatModel, ReplySource } from "../core/chat-model.js";
import type { TwinProfile } from "../core/twin.js";
import type { KnowledgeRepository } from "../store/knowledge-records.js";
import type { MemoryRepository } from "../store/store.js";
import { searchWords } from "./meaning.js";
import { applyMemoryCommand } from "./memory-actions.js";
import { parseMemoryCommand } from "./memory-commands.js";
import { buildSystemPrompt } from "./prompt-builder.js";

export interface ThinkRequest {
  twin: TwinProfile;
  /** Earlier turns of this conversation, oldest first. */
  history: ChatMessage[];
  message: string;
  signal?: AbortSignal;
  /** Told what the reply is built from, when the brain can say (the persona engine does; models do not). */
  onSources?: (sources: ReplySource[]) => void;
}

/** How many passages of the twin's documents the full-text index hands the brain for one message. */
export const PASSAGES_PER_MESSAGE = 20;

/**
 * The twin's side of one exchange, whichever brain is active: memory commands ("remember that …", "forget …") are
 * carried out here so every brain learns the same way; everything else goes to the brain with the persona prompt and
 * the passages of the twin's documents that match the message.
 */
export async function* think(
  request: ThinkRequest,
  brain: ChatModel,
  memories: MemoryRepository,
  knowledge: KnowledgeRepository,
): AsyncIterable<string> {
  const command = parseMemoryCommand(request.message);
  if (command) {
    yield await applyMemoryCommand(command, request.twin, memories);
    return;
  }
  const [all, passages] = await Promise.all([
    memories.list(request.twin.id),
    // The message's own words first, then what they mean: the index matches words, the brains match meaning.
    knowledge.search(
      request.twin.id,
      `${request.message} ${searchWords(request.message).join(" ")}`,
      PASSAGES_PER_MESSAGE,
    ),
  ]);
  let system: string | undefined;
  yield* brain.stream({
    twin: request.twin,
    memories: all,
    messages: [...request.history, { role: "user", content: request.message }],
    passages,
    // Built on first read: model brains read it, the built-in persona engine does its own retrieval and never does.
    get system() {
      system ??= buildSystemPrompt(request.twin, all, request.message, { passages });
      return system;
    },
    signal: request.signal,
    onSources: request.onSources,
  });
}
