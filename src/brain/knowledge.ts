import type { PassageHit } from "../core/knowledge.js";
import type { Memory, TwinProfile } from "../core/twin.js";
import { splitSentences } from "../voice/sentence-splitter.js";
import {
  answersKind,
  similarity,
  type Understood,
  understandQuestion,
  understandStatement,
} from "./meaning.js";
import { tidy } from "./perspective.js";

/** One thing the twin knows about itself, already phrased as a first-person statement. */
export interface KnowledgeItem {
  statement: string;
  source: "biography" | "fact" | "memory" | "passage";
  /** Higher is newer: later memories win over earlier ones that say nearly the same. */
  recency: number;
  /** The memory or passage this statement came from, when it came from one. */
  sourceId?: string;
  /** The imported document a passage's sentence came from. */
  documentName?: string;
}

/** The persona and memories are stored in the twin's own first person already; they are only tidied here. */
export function knowledgeOf(
  twin: TwinProfile,
  memories: Memory[],
  passages: PassageHit[] = [],
): KnowledgeItem[] {
  const items: KnowledgeItem[] = [];
  for (const sentence of splitSentences(twin.persona.biography)) {
    items.push({ statement: tidy(sentence), source: "biography", recency: 0 });
  }
  for (const fact of twin.persona.facts) items.push({ statement: tidy(fact), source: "fact", recency: 1 });
  memories.forEach((memory, index) => {
    items.push({ statement: tidy(memory.text), source: "memory", recency: 2 + index, sourceId: memory.id });
  });
  // Passages are the person's own writing (notes, their side of a chat): each sentence is a statement of its own.
  for (const passage of passages) {
    for (const sentence of splitSentences(passage.text)) {
      items.push({
        statement: tidy(sentence),
        source: "passage",
        recency: -1,
        sourceId: passage.id,
        documentName: passage.documentName,
      });
    }
  }
  return items.filter((item) => item.statement !== "");
}

/** Coverage a statement must reach to count as the answer to a question. */
export const ANSWER_COVERAGE = 0.6;

export interface Hit {
  item: KnowledgeItem;
  /**
   * Share of the question's weight the statement means, 0..1: each question word's weight (rarer across the twin's
   * knowledge weighs more, light words like "make" or "like" little) times how closely the statement means it.
   */
  coverage: number;
  /** The weight matched, for ordering statements of equal coverage. */
  score: number;
  /** Every word of the question, light ones too, is closely meant by the statement: a yes/no can be answered. */
  complete: boolean;
}

/** A statement that lacks what the question asks for ("where" without a place) keeps this share of its coverage. */
const MISSING_EXPECTED = 0.6;
const LIGHT_WEIGHT = 0.15;

/**
 * The statements that answer a question, best first, matched by meaning: lemmas, WordNet synonyms and what things
 * are kinds of, life topics and phrase frames (src/brain/lexicon). Among statements that match equally well, the
 * newest wins, so a corrected memory replaces the one it corrects.
 */
export function retrieve(items: KnowledgeItem[], question: string, limit = 3): Hit[] {
  const asked = understandQuestion(question);
  if (asked.terms.length === 0 || items.length === 0) return [];
  const statements = items.map((item) => understandStatement(item.statement));
  const similarities = asked.terms.map((term) =>
    statements.map((statement) => Math.max(0, ...statement.terms.map((other) => similarity(term, other)))),
  );
  const weights = asked.terms.map((term, index) => {
    const found = (similarities[index] ?? []).filter((value) => value >= 0.5).length;
    const idf = Math.log(1 + (items.length - found + 0.5) / (found + 0.5));
    return idf * (term.light ? LIGHT_WEIGHT : 1);
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const hits: Hit[] = [];
  items.forEach((item, itemIndex) => {
    let score = 0;
    let complete = true;
    asked.terms.forEach((_, termIndex) => {
      const value = similarities[termIndex]?.[itemIndex] ?? 0;
      score += (weights[termIndex] ?? 0) * value;
      if (value < 0.8) complete = false;
    });
    if (score <= 0) return;
    const fits = answersKind(asked, item.statement, statements[itemIndex] as Understood);
    const coverage = (score / total) * (fits ? 1 : MISSING_EXPECTED);
    hits.push({ item, coverage, score, complete });
  });
  return hits
    .sort((a, b) => {
      const coverageGap = b.coverage - a.coverage;
      if (Math.abs(coverageGap) > 0.05) return coverageGap;
      const scoreGap = b.score - a.score;
      if (Math.abs(scoreGap) > 0.25 * Math.max(a.score, b.score)) return scoreGap;
      return b.item.recency - a.item.recency;
    })
    .slice(0, limit);
}
