import type { ChatMessage } from "../../core/chat-model.js";

export interface WindowBudget {
  /** Tokens the context holds in all. */
  contextTokens: number;
  /** Tokens kept free for the reply. */
  replyTokens: number;
  /** Tokens the chat template adds per message (role markers); an estimate is enough. */
  perMessageTokens?: number;
}

/**
 * The part of a conversation that fits the model's context: the persona (system prompt) always, then as many of
 * the most recent turns as fit, oldest dropped first. The new user message is always kept; if even the persona
 * and it do not fit, the message is cut from its start so its end (usually the question) survives.
 */
export function fitConversation(
  system: string,
  messages: ChatMessage[],
  budget: WindowBudget,
  countTokens: (text: string) => number,
): ChatMessage[] {
  const overhead = budget.perMessageTokens ?? 8;
  let left = budget.contextTokens - budget.replyTokens - countTokens(system) - overhead;
  const kept: ChatMessage[] = [];
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index] as ChatMessage;
    const cost = countTokens(message.content) + overhead;
    if (cost > left) {
      if (kept.length === 0) kept.unshift({ ...message, content: tail(message.content, left, countTokens) });
      break;
    }
    left -= cost;
    kept.unshift(message);
  }
  // Chat templates expect the dialogue to open with the user.
  while (kept.length > 1 && kept[0]?.role !== "user") kept.shift();
  return kept;
}

function tail(text: string, tokens: number, countTokens: (text: string) => number): string {
  const words = text.split(/(?<=\s)/);
  let start = 0;
  while (start < words.length - 1 && countTokens(words.slice(start).join("")) > Math.max(1, tokens)) start++;
  return words.slice(start).join("");
}
