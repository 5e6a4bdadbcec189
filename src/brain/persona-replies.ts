import type { ChatMessage, ReplySource } from "../core/chat-model.js";
import type { PassageHit } from "../core/knowledge.js";
import type { Memory, TwinProfile } from "../core/twin.js";
import { choose } from "./choose.js";
import { classify } from "./dialogue-acts.js";
import { ANSWER_COVERAGE, type Hit, type KnowledgeItem, knowledgeOf, retrieve } from "./knowledge.js";
import { AGE_QUESTION, answerAge } from "./life-dates.js";
import { embedded } from "./perspective.js";
import { tokens } from "./text-tokens.js";
import { PHRASES, type Tone, toneOf } from "./tone.js";

export interface ReplyContext {
  twin: TwinProfile;
  memories: Memory[];
  /** Passages of imported documents the full-text index found for the message, best first. */
  passages?: PassageHit[];
  /** Earlier turns, oldest first, without the message being answered. */
  history: ChatMessage[];
  message: string;
  /** "Today", for ages; the clock when absent. */
  now?: Date;
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
  const { twin, message, history } = context;
  const tone = toneOf(twin.persona.style);
  const seed = `${message}|${history.length}`;
  const said = (key: keyof typeof PHRASES): ExplainedReply => ({
    text: choose(PHRASES[key][tone], seed).replaceAll("{name}", twin.name),
    sources: [],
  });
  const knowledge = knowledgeOf(twin, context.memories, context.passages);
  switch (classify(message)) {
    case "greeting":
      return said(history.some((turn) => turn.role === "assistant") ? "greetingAgain" : "greetingFirst");
    case "farewell":
      return said("farewell");
    case "thanks":
      return said("thanks");
    case "wellbeing":
      return said("wellbeing");
    case "affirmation":
      return said("affirmation");
    case "name":
      return { text: `My name is ${twin.name}.`, sources: [{ kind: "name", text: twin.name }] };
    case "identity":
      return introduce(twin, knowledge);
    case "capabilities":
      return { text: CAPABILITIES, sources: [] };
    case "question":
      return answer(knowledge, message, context.now ?? new Date()) ?? said("unknown");
    case "statement":
      return relate(knowledge, message, tone, seed) ?? said("acknowledge");
  }
}

const CAPABILITIES = `I can talk with you as myself, answer from what I know about my life, and learn: say "remember that …" to teach me something, or "forget …" to make me drop it.`;

function sourceOf(item: KnowledgeItem): ReplySource {
  return {
    kind: item.source,
    text: item.statement,
    ...(item.sourceId ? { id: item.sourceId } : {}),
    ...(item.documentName ? { documentName: item.documentName } : {}),
  };
}

function explained(text: string, used: KnowledgeItem[]): ExplainedReply {
  return { text, sources: used.map(sourceOf) };
}

/**
 * A short self-portrait: the biography's first sentences, then what the person taught most recently, then facts,
 * at most four sentences and none said twice. The name leads unless the biography already says it.
 */
function introduce(twin: TwinProfile, knowledge: KnowledgeItem[]): ExplainedReply {
  const biography = knowledge.filter((item) => item.source === "biography").slice(0, 2);
  const taught = knowledge.filter((item) => item.source === "memory").slice(-2);
  const facts = knowledge.filter((item) => item.source === "fact");
  const chosen: KnowledgeItem[] = [];
  for (const item of [...biography, ...taught, ...facts]) {
    if (chosen.length === 4) break;
    if (chosen.every((other) => !restates(other.statement, item.statement))) chosen.push(item);
  }
  const named = chosen.some((item) => item.statement.includes(twin.name.split(" ")[0] ?? twin.name));
  const parts = [...(named ? [] : [`I'm ${twin.name}.`]), ...chosen.map((item) => item.statement)];
  if (chosen.length === 0)
    parts.push('I\'m still getting to know myself, so tell me about me: say "remember that …".');
  return explained(parts.join(" "), chosen);
}

function answer(knowledge: KnowledgeItem[], question: string, now: Date): ExplainedReply | undefined {
  if (AGE_QUESTION.test(question)) {
    // Only a stated age or birth date answers this; a fact that merely shares a word ("an old car") never does.
    const age = answerAge(knowledge, now);
    return age ? explained(age.text, [age.used]) : undefined;
  }
  const hits = retrieve(knowledge, question, 6).filter((hit) => hit.coverage >= ANSWER_COVERAGE);
  const best = hits[0];
  if (!best) return undefined;
  // Up to three statements that answer as fully, leaving out restatements of one already chosen (an older memory
  // saying what a newer one corrected): "tell me about your family" gets the sister and the brother.
  const chosen = [best];
  for (const hit of hits.slice(1)) {
    if (chosen.length === 3 || hit.coverage < best.coverage - 0.05) break;
    // "What do you like to eat?": pad thai, not also the cold coffee I hate.
    if (dislikes(hit.item.statement) !== dislikes(best.item.statement)) continue;
    if (chosen.every((other) => !restates(other.item.statement, hit.item.statement))) chosen.push(hit);
  }
  const statement = chosen.map((hit) => hit.item.statement).join(" ");
  return explained(
    `${yesOrNo(question, best)}${statement}`,
    chosen.map((hit) => hit.item),
  );
}

const DISLIKE = /\b(?:hate[sd]?|dislike[sd]?|can't stand|cannot stand|loathe|detest|allergic)\b/i;

function dislikes(statement: string): boolean {
  return DISLIKE.test(statement);
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
 * A yes/no question whose every word the statement means gets its "Yes" or "No" first ("Do you speak French?" →
 * "Yes. I speak English, Yoruba and French."). A looser match only says what it knows: "Do you have pets?" → "I'm
 * allergic to cats." is no "yes".
 */
function yesOrNo(question: string, best: Hit): string {
  if (!YES_NO_QUESTION.test(question.trim()) || !best.complete) return "";
  if (NEGATION.test(question)) return "";
  return NEGATION.test(best.item.statement) ? "No. " : "Yes. ";
}

function relate(
  knowledge: KnowledgeItem[],
  message: string,
  tone: Tone,
  seed: string,
): ExplainedReply | undefined {
  const best = retrieve(knowledge, message, 1)[0];
  // Statements carry more incidental words than questions, so a smaller share of them has to match.
  if (!best || best.coverage < 0.3) return undefined;
  const leads =
    tone === "formal"
      ? ["That reminds me:", "Indeed,"]
      : tone === "playful"
        ? ["Ha, funny you say that:", "Oh, that rings a bell:"]
        : ["Oh, that reminds me:", "Nice! You know,"];
  return explained(`${choose(leads, seed)} ${embedded(best.item.statement)}.`, [best.item]);
}
