import { basename } from "node:path";
import type { ChatHistoryItem, LlamaChat, LlamaContext } from "node-llama-cpp";
import { AsyncQueue } from "../../core/async-queue.js";
import type { ChatModel, ChatRequest } from "../../core/chat-model.js";
import { BadInputError, CancelledError, ProviderError, throwIfAborted } from "../../core/errors.js";
import { fitConversation } from "./context-window.js";
import { generationThreads, loadGguf } from "./llama-runtime.js";

export interface LlamaChatOptions {
  modelPath: string;
  /** Context window in tokens (default 2048: the persona, memories and recent turns, on little memory). */
  contextTokens?: number;
  /** Longest reply in tokens; the twin speaks one to three sentences. */
  maxReplyTokens?: number;
  temperature?: number;
  threads?: number;
}

interface Session {
  context: LlamaContext;
  chat: LlamaChat;
}

/**
 * The twin brain on a local GGUF model through node-llama-cpp: the persona prompt as the system message, the
 * recent turns that fit, the model's own chat template, tokens streamed as they come, and generation stopped
 * at once when the turn is cancelled (barge-in). One conversation is generated at a time per model.
 */
export class LlamaCppChatModel implements ChatModel {
  readonly provider = "llama-cpp";
  readonly modelId: string;
  private session: Promise<Session> | undefined;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LlamaChatOptions) {
    this.modelId = basename(options.modelPath).replace(/\.gguf$/i, "");
  }

  /** Loads the model and its context now (otherwise on the first reply). */
  load(): Promise<Session> {
    this.session ??= (async () => {
      const model = await loadGguf(this.options.modelPath);
      const { LlamaChat } = await import("node-llama-cpp");
      const context = await model.createContext({
        contextSize: Math.min(this.options.contextTokens ?? 2048, model.trainContextSize),
        threads: this.options.threads ?? generationThreads(),
      });
      // "auto" picks the wrapper from the model's own Jinja chat template, or from its architecture.
      return {
        context,
        chat: new LlamaChat({ contextSequence: context.getSequence(), chatWrapper: "auto" }),
      };
    })().catch((error: unknown) => {
      this.session = undefined;
      throw error instanceof ProviderError
        ? error
        : new ProviderError("llama-cpp", (error as Error).message, { cause: error });
    });
    return this.session;
  }

  /** The chat template in use, e.g. "Jinja", "ChatML", "Llama 2 Chat", "General". */
  async templateName(): Promise<string> {
    return (await this.load()).chat.chatWrapper.wrapperName;
  }

  async *stream(request: ChatRequest): AsyncIterable<string> {
    if (request.messages.at(-1)?.role !== "user")
      throw new BadInputError("the last message must be the user's");
    throwIfAborted(request.signal);
    const { context, chat } = await this.load();
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    request.signal?.addEventListener("abort", onAbort, { once: true });
    const queue = new AsyncQueue<string>();
    const maxTokens = this.options.maxReplyTokens ?? 200;
    // Wait for the previous reply to finish: a context sequence serves one generation at a time.
    const previous = this.busy;
    const generation = previous.then(async () => {
      if (stop.signal.aborted) return;
      const model = context.model;
      const messages = fitConversation(
        request.system,
        request.messages,
        { contextTokens: context.contextSize, replyTokens: maxTokens },
        (text) => model.tokenize(text).length,
      );
      const history: ChatHistoryItem[] = [
        { type: "system", text: request.system },
        ...messages.map(
          (message): ChatHistoryItem =>
            message.role === "user"
              ? { type: "user", text: message.content }
              : { type: "model", response: [message.content] },
        ),
      ];
      await chat.generateResponse(history, {
        maxTokens,
        temperature: this.options.temperature ?? 0.7,
        signal: stop.signal,
        stopOnAbortSignal: true,
        onTextChunk: (text) => queue.push(text),
      });
    });
    this.busy = generation.catch(() => {});
    generation.then(
      () => queue.end(),
      (error: unknown) =>
        queue.fail(new ProviderError("llama-cpp", (error as Error).message, { cause: error })),
    );
    try {
      for await (const text of queue) {
        if (stop.signal.aborted) break;
        if (text) yield text;
      }
      throwIfAborted(request.signal);
    } finally {
      request.signal?.removeEventListener("abort", onAbort);
      // A consumer that stops reading (or a barge-in) ends generation too, and the next reply waits for it.
      stop.abort();
      await generation.catch(() => {});
    }
    if (request.signal?.aborted) throw new CancelledError();
  }

  async close(): Promise<void> {
    const session = await this.session?.catch(() => undefined);
    this.session = undefined;
    await session?.context.dispose();
  }
}
