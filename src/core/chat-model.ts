import type { Memory, TwinProfile } from "./twin.js";

export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

/**
 * Everything a brain may use for one reply. Model-backed brains read `system` (built by the prompt builder from the
 * persona and the memories that matter for this question); the built-in persona engine reads the twin and memories.
 */
export interface ChatRequest {
  twin: TwinProfile;
  /** All of the twin's long-term memories. */
  memories: Memory[];
  /** Earlier turns of this conversation, oldest first, then the new user message last. */
  messages: ChatMessage[];
  /** The persona system prompt with retrieved memories. */
  system: string;
  signal?: AbortSignal;
}

/** The twin brain: text in, a stream of text out, in the person's voice. */
export interface ChatModel {
  readonly provider: string;
  readonly modelId: string;
  /** Yields text deltas as they are produced; stops promptly when `request.signal` fires. */
  stream(request: ChatRequest): AsyncIterable<string>;
}
