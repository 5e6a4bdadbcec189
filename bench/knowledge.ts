/**
 * Knowledge figures (PRODUCT.md §5, issue 11): importing a 200-page text (200 × ~3,000 characters, read, split and
 * stored in one transaction) against the 10 s target, and full-text search over 10,000 passages, p50 and p99 against
 * the 50 ms target, for plain questions and for questions widened with synonyms (the brain ORs extra words in, up to
 * the index's 32).
 * On SQLite, and on PostgreSQL when a server can be had (AITWIN_TEST_POSTGRES_URL or Debian's binaries), there
 * after ANALYZE, as autovacuum leaves a database (the search prunes common words by PostgreSQL's statistics).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { seededRandom } from "../src/avatar/seeded-random.js";
import { prepareDocument } from "../src/knowledge/document-import.js";
import { openDatabase } from "../src/store/database.js";
import { openStore } from "../src/store/open-store.js";
import type { Store } from "../src/store/store.js";
import { postgresUnavailable, startTestPostgres } from "../src/store/test-support/postgres-server.js";
import { type BenchSuite, percentile } from "./suite.js";

const PAGES = 200;
const PAGE_CHARACTERS = 3000;
const PASSAGES = 10_000;
const QUERIES = 500;

const COMMON =
  "the a and of to in i my we was is it that with for on at as but had have were from this they our when then there".split(
    " ",
  );
const SYLLABLES = "ba ce di fo gu ha ke li mo nu pa re si to vu wa xe yo za ki ro la me ne so ta".split(" ");

/**
 * A vocabulary of made-up words drawn as content words are in English: Zipf's law shifted past the ~100 most common
 * words (those are COMMON, or stop words the query drops), so the most frequent made-up word is ~0.2% of words.
 */
function vocabulary(next: () => number, size: number): () => string {
  const words = vocabularyWords(size);
  const shift = 100;
  return () => words[Math.floor(shift * ((size + shift) / shift) ** next() - shift)] as string;
}

/** The made-up words, most frequent first. */
function vocabularyWords(size: number): string[] {
  return Array.from({ length: size }, (_, index) => {
    let word = "";
    for (
      let value = index + 7 * size;
      word.length < 6 || value > 0;
      value = Math.floor(value / SYLLABLES.length)
    ) {
      word += SYLLABLES[value % SYLLABLES.length];
    }
    return word;
  });
}

function sentence(next: () => number, word: () => string): string {
  const length = 8 + Math.floor(next() * 12);
  const words = Array.from({ length }, () =>
    next() < 0.4 ? COMMON[Math.floor(next() * COMMON.length)] : word(),
  );
  const text = words.join(" ");
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
}

function text(next: () => number, word: () => string, characters: number): string {
  let out = "";
  while (out.length < characters) out += `${sentence(next, word)} `;
  return out.trim();
}

async function measure(
  label: string,
  store: Store,
  report: (line: string) => void,
  /** Brings the database's statistics up to date, as autovacuum would after an import. */
  analyse: () => Promise<void> = async () => {},
): Promise<void> {
  const next = seededRandom(11);
  const word = vocabulary(next, 20_000);
  const twin = await store.twins.create({ name: "Bench" });

  const pages = Array.from({ length: PAGES }, () => text(next, word, PAGE_CHARACTERS)).join("\n\n");
  const bytes = new TextEncoder().encode(pages);
  const started = performance.now();
  const prepared = await prepareDocument(bytes, "book.txt");
  const split = performance.now();
  const book = await store.knowledge.addDocument(twin.id, prepared, prepared.passages);
  const stored = performance.now();
  report(
    `${label}: import of a ${PAGES}-page text (${(bytes.length / 1e6).toFixed(2)} MB, ${book.passageCount} passages): ` +
      `${((stored - started) / 1000).toFixed(2)} s (target < 10 s; ${((stored - started) / 10_000).toFixed(3)}× the target; ` +
      `read+split ${(split - started).toFixed(0)} ms, store+index ${(stored - split).toFixed(0)} ms)`,
  );

  // Fill up to 10,000 passages in documents of 1,000, as many imports would.
  for (let count = book.passageCount, index = 0; count < PASSAGES; index++) {
    const size = Math.min(1000, PASSAGES - count);
    const passages = Array.from({ length: size }, () => text(next, word, 450));
    await store.knowledge.addDocument(twin.id, { name: `notes-${index}.txt`, kind: "text" }, passages);
    count += size;
  }
  await analyse();
  const question = (words: number, pick: () => string) =>
    `What about ${Array.from({ length: words }, pick).join(" and ")}?`;
  // The worst case: every word among the 50 most frequent, so each matches hundreds of passages to rank.
  const frequent = () => `${vocabularyWords(20_000)[Math.floor(next() * 50)]}`;
  for (const [kind, words, pick] of [
    ["question (3 words)", 3, word],
    ["with synonyms (12 words)", 12, word],
    // The brain widens a question with 20–60 related words; the index takes the first 32 (MAX_QUERY_WORDS).
    ["widened to 32 words", 32, word],
    ["12 of the 50 most frequent words", 12, frequent],
  ] as const) {
    const queries = Array.from({ length: QUERIES }, () => question(words, pick));
    for (const query of queries.slice(0, 20)) await store.knowledge.search(twin.id, query, 20); // warm caches
    const times: number[] = [];
    // The baseline, interleaved so it meets the same machine: the smallest indexed read (a twin's document list).
    const baseline: number[] = [];
    let found = 0;
    for (const query of queries) {
      let start = performance.now();
      found += (await store.knowledge.search(twin.id, query, 20)).length;
      times.push(performance.now() - start);
      start = performance.now();
      await store.knowledge.listDocuments(twin.id);
      baseline.push(performance.now() - start);
    }
    const p99 = percentile(times, 0.99);
    report(
      `${label}: search over ${PASSAGES.toLocaleString("en")} passages, ${kind}: p50 ${percentile(times, 0.5).toFixed(2)} ms, ` +
        `p99 ${p99.toFixed(2)} ms (target < 50 ms; ${(p99 / 50).toFixed(3)}× the target), ${(found / QUERIES).toFixed(1)} hits/query; ` +
        `baseline (list documents) p50 ${percentile(baseline, 0.5).toFixed(2)} ms, p99 ${percentile(baseline, 0.99).toFixed(2)} ms`,
    );
  }
}

export const knowledgeSuite: BenchSuite = {
  name: "knowledge",
  async run(report) {
    const directory = await mkdtemp(join(tmpdir(), "aitwin-bench-knowledge-"));
    try {
      const sqlite = await openStore({ kind: "sqlite", path: join(directory, "bench.sqlite") });
      try {
        await measure("SQLite", sqlite, report);
      } finally {
        await sqlite.close();
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    const unavailable = postgresUnavailable();
    if (unavailable) return report(`PostgreSQL: skipped (${unavailable})`);
    const server = await startTestPostgres();
    try {
      const url = await server.freshDatabase();
      const postgres = await openStore({ kind: "postgres", url });
      const db = await openDatabase({ kind: "postgres", url });
      try {
        await measure("PostgreSQL", postgres, report, async () => {
          await sql`analyze`.execute(db);
        });
      } finally {
        await db.destroy();
        await postgres.close();
      }
    } finally {
      await server.stop();
    }
  },
};
