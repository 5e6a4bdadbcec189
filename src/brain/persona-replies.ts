import type { ChatMessage, ReplySource } from "../core/chat-model.js";
import type { Memory, TwinProfile } from "../core/twin.js";
import { choose } from "./choose.js";
import { classify } from "./dialogue-acts.js";
import { ANSWER_COVERAGE, type KnowledgeItem, knowledgeOf, retrieve } from "./knowledge.js";
import { embedded } from "./perspective.js";
import { tokens } from "./text-tokens.js";
import { PHRASES, type Tone, toneOf } from "./tone.js";

export interface ReplyContext {
  twin: TwinProfile;
  memories: Memory[];
  /** Earlier turns, oldest first, without the message being answered. */
  history: ChatMessage[];
  message: string;
}

/** A reply and the pieces of the twin's knowledge it was built from (none for small talk or "I don't know"). */
export interface ExplainedReply {
  text: string;
  sources: ReplySource[];
}

/** The built-in persona engine's whole reply to one message, in the twin's first person. */
export function personaReply(context: ReplyContext): string {
  return explainReply(context).text;
}

/** The reply with its sources: `sources` is empty exactly when the twin answered from none of its knowledge. */
export function explainReply(context: ReplyContext): ExplainedReply {
  let sources: ReplySource[] = [];
  const text = compose(context, (used) => {
    sources = used;
  });
  return { text, sources };
}

function compose(context: ReplyContext, use: (sources: ReplySource[]) => void): string {
  const { twin, message, history } = context;
  const tone = toneOf(twin.persona.style);
  const seed = `${message}|${history.length}`;
  const phrase = (key: keyof typeof PHRASES) => fill(choose(PHRASES[key][tone], seed), twin);
  const knowledge = knowledgeOf(twin, context.memories);
  switch (classify(message)) {
    case "greeting":
      return history.some((turn) => turn.role === "assistant")
        ? phrase("greetingAgain")
        : phrase("greetingFirst");
    case "farewell":
      return phrase("farewell");
    case "thanks":
      return phrase("thanks");
    case "wellbeing":
      return phrase("wellbeing");
    case "affirmation":
      return phrase("affirmation");
    case "name":
      return `My name is ${twin.name}.`;
    case "identity":
      return introduce(twin, knowledge);
    case "capabilities":
      return capabilities();
    case "question": {
      const found = answer(knowledge, message);
      if (!found) return phrase("unknown");
      use(found.used.map(sourceOf));
      return found.text;
    }
    case "statement":
      return relate(knowledge, message, tone, seed) ?? phrase("acknowledge");
  }
}

function fill(template: string, twin: TwinProfile): string {
  return template.replaceAll("{name}", twin.name);
}

function introduce(twin: TwinProfile, knowledge: KnowledgeItem[]): string {
  const biography = knowledge.filter((item) => item.source === "biography").slice(0, 2);
  // The newest things the person taught come next: they are what makes the twin theirs.
  const taught = knowledge.filter((item) => item.source === "memory").slice(-2);
  const facts =
    biography.length + taught.length === 0 ? knowledge.filter((item) => item.source === "fact") : [];
  const parts = [
    `I'm ${twin.name}.`,
    ...[...biography, ...taught, ...facts.slice(0, 2)].map((item) => item.statement),
  ];
  if (parts.length === 1)
    parts.push('I\'m still getting to know myself, so tell me about me: say "remember that …".');
  return parts.join(" ");
}

function capabilities(): string {
  return `I can talk with you as myself, answer from what I know about my life, and learn: say "remember that …" to teach me something, or "forget …" to make me drop it.`;
}

function sourceOf(item: KnowledgeItem): ReplySource {
  return { kind: item.source, text: item.statement, ...(item.memoryId ? { id: item.memoryId } : {}) };
}

function answer(
  knowledge: KnowledgeItem[],
  question: string,
): { text: string; used: KnowledgeItem[] } | undefined {
  const hits = retrieve(knowledge, question, 6).filter((hit) => hit.coverage >= ANSWER_COVERAGE);
  const best = hits[0];
  if (!best) return undefined;
  // Up to three statements that answer as fully, leaving out restatements of one already chosen (an older memory
  // saying what a newer one corrected): "tell me about your family" gets the sister and the brother.
  const chosen = [best.item];
  for (const hit of hits.slice(1)) {
    if (chosen.length === 3 || hit.coverage < best.coverage - 0.05) break;
    if (chosen.every((item) => !restates(item.statement, hit.item.statement))) chosen.push(hit.item);
  }
  const statement = chosen.map((item) => item.statement).join(" ");
  return { text: `${yesOrNo(question, best.item.statement, best.coverage)}${statement}`, used: chosen };
}

/** Two statements about the same thing share most of their words ("my favourite food is ramen / sushi"). */
function restates(a: string, b: string): boolean {
  const left = new Set(tokens(a));
  const right = new Set(tokens(b));
  const shared = [...left].filter((token) => right.has(token)).length;
  return shared / Math.max(1, Math.min(left.size, right.size)) >= 0.5;
}

const YES_NO_QUESTION = /^(?:do|does|did|are|is|was|were|have|has|had|can|could|will|would)\b/i;
const NEGATION = /\b(?:not|never|no)\b|n't\b/i;

/**
 * A yes/no question fully answered by one statement gets its "Yes" or "No" first ("Do you like fish?" → "No, I
 * don't like fish."). A partial match says only what it knows: it may be about something else.
 */
function yesOrNo(question: string, statement: string, coverage: number): string {
  if (!YES_NO_QUESTION.test(question.trim()) || coverage < 0.99) return "";
  if (NEGATION.test(question)) return "";
  return NEGATION.test(statement) ? "No. " : "Yes. ";
}

function relate(knowledge: KnowledgeItem[], message: string, tone: Tone, seed: string): string | undefined {
  const best = retrieve(knowledge, message, 1)[0];
  // Statements carry more incidental words than questions, so a smaller share of them has to match.
  if (!best || best.coverage < 0.3) return undefined;
  const leads =
    tone === "formal"
      ? ["That reminds me:", "Indeed,"]
      : tone === "playful"
        ? ["Ha, funny you say that:", "Oh, that rings a bell:"]
        : ["Oh, that reminds me:", "Nice! You know,"];
  return `${choose(leads, seed)} ${embedded(best.item.statement)}.`;
}
