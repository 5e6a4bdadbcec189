import type { PassageHit } from "./knowledge.js";
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
  /**
   * Passages of the twin's imported documents that the full-text index found for the new message, best first (empty
   * when the twin has none). Model brains get the best of them in `system`; the persona engine ranks them itself.
   */
  passages: PassageHit[];
  /** The persona system prompt with retrieved memories and passages. */
  system: string;
  /** Told which statements (facts, memories, passages) the reply was built from, when the brain can say. */
  onSources?: (sources: ReplySource[]) => void;
  signal?: AbortSignal;
}

/** The twin brain: text in, a stream of text out, in the person's voice. */
export interface ChatModel {
  readonly provider: string;
  readonly modelId: string;
  /** Yields text deltas as they are produced; stops promptly when `request.signal` fires. */
  stream(request: ChatRequest): AsyncIterable<string>;
}

/** A piece of the twin's knowledge a reply used, for `aitwin ask --json` and the page's "why this answer". */
export interface ReplySource {
  kind: "name" | "biography" | "fact" | "memory" | "passage";
  text: string;
  /** The memory's or passage's id, when there is one. */
  id?: string;
  /** The document a passage came from. */
  documentName?: string;
}
