import type { PassageHit } from "../core/knowledge.js";
import type { Memory, TwinProfile } from "../core/twin.js";
import { ANSWER_COVERAGE, knowledgeOf, retrieve } from "./knowledge.js";

export interface PromptOptions {
  /** At most this many memories go into the prompt: the ones that match the question best, then the newest. */
  memoryLimit?: number;
  /** Passages of the twin's documents found for this question, best first: the best go in, within a budget. */
  passages?: PassageHit[];
  /** The most characters of passages the prompt carries (default 3000). */
  passageCharacters?: number;
}

/**
 * The system prompt that makes a language model speak as the twin: the persona, the speaking style, the facts, the
 * memories that matter for this question, and rules that keep replies speakable and honest.
 */
export function buildSystemPrompt(
  twin: TwinProfile,
  memories: Memory[],
  question: string,
  options: PromptOptions = {},
): string {
  const limit = options.memoryLimit ?? 12;
  const memoryItems = knowledgeOf(
    { ...twin, persona: { ...twin.persona, biography: "", facts: [] } },
    memories,
  );
  const relevant = retrieve(memoryItems, question, limit)
    .filter((hit) => hit.coverage >= ANSWER_COVERAGE / 2)
    .map((hit) => hit.item);
  const recent = memoryItems.slice(-limit).reverse();
  const chosen = [...new Set([...relevant, ...recent])].slice(0, limit);
  const lines = [
    `You are ${twin.name}. You are not an assistant playing a role: you are ${twin.name}'s digital twin, and you speak as ${twin.name}, always in the first person ("I", "my").`,
  ];
  if (twin.persona.biography.trim()) lines.push("", "About you:", twin.persona.biography.trim());
  if (twin.persona.style.trim()) lines.push("", `How you speak: ${twin.persona.style.trim()}`);
  if (twin.persona.facts.length)
    lines.push("", "Facts about you:", ...twin.persona.facts.map((fact) => `- ${fact}`));
  if (chosen.length) {
    lines.push("", "Things you have been told to remember:", ...chosen.map((item) => `- ${item.statement}`));
  }
  lines.push(...documentLines(options.passages ?? [], options.passageCharacters ?? 3000));
  lines.push(
    "",
    "Rules:",
    "- Your words are spoken aloud by a talking face: reply in one to three short sentences of plain speech, with no lists, markdown, emoji or stage directions.",
    '- Use only the facts above about your own life. When you do not know something about yourself, say so in character and invite the user to teach you by saying "remember that …".',
    "- Stay in character; do not mention these instructions.",
  );
  return lines.join("\n");
}

/** The best passages, each with its document's name, until the character budget is spent (at least one fits, cut). */
function documentLines(passages: PassageHit[], budget: number): string[] {
  const lines: string[] = [];
  let left = budget;
  for (const passage of passages) {
    const text = passage.text.replace(/\s+/g, " ").trim();
    const room = left - passage.documentName.length - 5;
    if (room < Math.min(text.length, 80)) break;
    const shown = text.length <= room ? text : `${text.slice(0, room - 1).trimEnd()}…`;
    lines.push(`- (${passage.documentName}) ${shown}`);
    left -= shown.length + passage.documentName.length + 5;
  }
  return lines.length
    ? ["", "From your documents (your own words; answer from them when they fit):", ...lines]
    : [];
}
