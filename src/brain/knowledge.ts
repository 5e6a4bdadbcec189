import type { Memory, TwinProfile } from "../core/twin.js";
import { splitSentences } from "../voice/sentence-splitter.js";
import { Bm25Index, type Scored } from "./bm25.js";
import { tidy } from "./perspective.js";

/** One thing the twin knows about itself, already phrased as a first-person statement. */
export interface KnowledgeItem {
  statement: string;
  source: "biography" | "fact" | "memory";
  /** Higher is newer: later memories win over earlier ones that say nearly the same. */
  recency: number;
  /** The memory this statement came from, when it came from one. */
  memoryId?: string;
}

/** The persona and memories are stored in the twin's own first person already; they are only tidied here. */
export function knowledgeOf(twin: TwinProfile, memories: Memory[]): KnowledgeItem[] {
  const items: KnowledgeItem[] = [];
  for (const sentence of splitSentences(twin.persona.biography)) {
    items.push({ statement: tidy(sentence), source: "biography", recency: 0 });
  }
  for (const fact of twin.persona.facts) items.push({ statement: tidy(fact), source: "fact", recency: 1 });
  memories.forEach((memory, index) => {
    items.push({ statement: tidy(memory.text), source: "memory", recency: 2 + index, memoryId: memory.id });
  });
  return items.filter((item) => item.statement !== "");
}

/** Coverage a statement must reach to count as the answer to a question. */
export const ANSWER_COVERAGE = 0.6;

/**
 * The statements that answer a question, best first. Among statements that match the question equally well, the
 * newest wins, so a corrected memory replaces the one it corrects.
 */
export function retrieve(items: KnowledgeItem[], question: string, limit = 3): Scored<KnowledgeItem>[] {
  const index = new Bm25Index(items, (item) => item.statement);
  return index
    .search(question, items.length)
    .sort((a, b) => {
      const coverageGap = b.coverage - a.coverage;
      if (Math.abs(coverageGap) > 0.05) return coverageGap;
      const scoreGap = b.score - a.score;
      if (Math.abs(scoreGap) > 0.25 * Math.max(a.score, b.score)) return scoreGap;
      return b.item.recency - a.item.recency;
    })
    .slice(0, limit);
}
