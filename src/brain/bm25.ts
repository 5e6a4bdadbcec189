import { tokens } from "./text-tokens.js";

export interface Scored<T> {
  item: T;
  score: number;
  /**
   * Share of the query's weight (by inverse document frequency) that this document matched, 0..1. A fact that
   * matches only "favourite" of "favourite food" scores low here, whatever its BM25 score.
   */
  coverage: number;
}

/**
 * Okapi BM25 over short documents. Built per question: a twin has at most a few thousand facts and memories, and
 * indexing them costs far less than a reply.
 */
export class Bm25Index<T> {
  private readonly documents: { item: T; terms: Map<string, number>; length: number }[] = [];
  private readonly documentFrequency = new Map<string, number>();
  private totalLength = 0;

  constructor(
    items: Iterable<T>,
    private readonly textOf: (item: T) => string,
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    for (const item of items) this.add(item);
  }

  private add(item: T): void {
    const terms = new Map<string, number>();
    const itemTokens = tokens(this.textOf(item));
    for (const term of itemTokens) terms.set(term, (terms.get(term) ?? 0) + 1);
    for (const term of terms.keys())
      this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    this.documents.push({ item, terms, length: itemTokens.length });
    this.totalLength += itemTokens.length;
  }

  /** Documents sharing at least one meaningful term with the query, best first. */
  search(query: string, limit = 5): Scored<T>[] {
    const queryTerms = [...new Set(tokens(query))];
    const count = this.documents.length;
    if (count === 0 || queryTerms.length === 0) return [];
    const averageLength = this.totalLength / count || 1;
    const idf = new Map<string, number>();
    let queryWeight = 0;
    for (const term of queryTerms) {
      const df = this.documentFrequency.get(term) ?? 0;
      const weight = Math.log(1 + (count - df + 0.5) / (df + 0.5));
      idf.set(term, weight);
      queryWeight += weight;
    }
    const results: Scored<T>[] = [];
    for (const document of this.documents) {
      let score = 0;
      let matchedWeight = 0;
      for (const term of queryTerms) {
        const frequency = document.terms.get(term);
        if (!frequency) continue;
        const weight = idf.get(term) ?? 0;
        const norm = frequency + this.k1 * (1 - this.b + (this.b * document.length) / averageLength);
        score += (weight * frequency * (this.k1 + 1)) / norm;
        matchedWeight += weight;
      }
      if (score > 0) results.push({ item: document.item, score, coverage: matchedWeight / queryWeight });
    }
    return results.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
