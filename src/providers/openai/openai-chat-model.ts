import type { ChatModel, ChatRequest } from "../../core/chat-model.js";
import { CancelledError, ProviderError } from "../../core/errors.js";
import { OpenAiClient, type OpenAiOptions } from "./openai-client.js";
import { OPENAI_DEFAULT_CHAT_MODEL } from "./openai-models.js";
import { readServerSentEvents } from "./server-sent-events.js";

export { OPENAI_DEFAULT_CHAT_MODEL };

export interface OpenAiChatOptions extends OpenAiOptions {
  /** Default gpt-4o-mini; for Ollama and friends, the name the server knows ("llama3.2"). */
  model?: string;
  temperature?: number;
}

interface CompletionChunk {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  error?: { message?: string };
}

/** The twin's brain on OpenAI chat completions (or a compatible server), streamed token by token. */
export function createOpenAiChatModel(options: OpenAiChatOptions = {}): ChatModel {
  const client = new OpenAiClient(options);
  const model = options.model ?? OPENAI_DEFAULT_CHAT_MODEL;
  return {
    provider: "openai",
    modelId: model,
    async *stream(request: ChatRequest): AsyncIterable<string> {
      const response = await client.request({
        path: "/chat/completions",
        json: {
          model,
          stream: true,
          temperature: options.temperature ?? 0.7,
          messages: [{ role: "system", content: request.system }, ...request.messages],
        },
        signal: request.signal,
        action: `chat completion with model ${model}`,
        modelVariable: "AITWIN_LLM_MODEL",
      });
      if (!response.body) throw new ProviderError("openai", "chat completion came back without a body");
      let finished = false;
      try {
        for await (const event of readServerSentEvents(response.body)) {
          // Pieces already buffered would still arrive after a barge-in; the signal is checked, not just the socket.
          if (request.signal?.aborted) throw new CancelledError();
          if (event.data === "[DONE]") return;
          const chunk = JSON.parse(event.data) as CompletionChunk;
          if (chunk.error) {
            throw new ProviderError(
              "openai",
              `chat completion failed mid-stream: ${chunk.error.message ?? ""}`,
              {
                retryable: true,
              },
            );
          }
          const choice = chunk.choices?.[0];
          if (choice?.delta?.content) yield choice.delta.content;
          if (choice?.finish_reason) finished = true;
        }
      } catch (error) {
        if (request.signal?.aborted) throw new CancelledError();
        if (error instanceof SyntaxError) {
          throw new ProviderError("openai", "chat completion stream sent something that is not JSON", {
            cause: error,
          });
        }
        throw error instanceof ProviderError
          ? error
          : new ProviderError("openai", `chat completion stream broke: ${(error as Error).message}`, {
              retryable: true,
              cause: error,
            });
      }
      // Some servers omit [DONE]; a finish_reason shows the reply is whole. Without either it was cut off.
      if (!finished)
        throw new ProviderError("openai", "chat completion stream ended early", { retryable: true });
    },
  };
}
