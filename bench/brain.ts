/**
 * The built-in brain (issue 11, PRODUCT.md §5): the evaluation set's figures — share answered with the right fact,
 * share of unanswerable questions answered honestly, replies repeating a sentence, p50 reply time — and a question
 * answered over 10,000 imported passages end to end (full-text search, then the persona engine's meaning match),
 * p50 and p99 against the 50 ms target, beside the search alone measured in the same run as its baseline.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seededRandom } from "../src/avatar/seeded-random.js";
import { EVAL_PERSONAS, type EvalPersona, HELD_OUT_PERSONAS } from "../src/brain/evaluation/eval-set.js";
import { evaluate, summarise, twinOf } from "../src/brain/evaluation/evaluate.js";
import { PersonaEngine } from "../src/brain/persona-engine.js";
import { think } from "../src/brain/twin-mind.js";
import { openStore } from "../src/store/open-store.js";
import { type BenchSuite, percentile } from "./suite.js";

const PASSAGES = 10_000;
const QUESTIONS = 300;

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}

function reportSet(label: string, personas: EvalPersona[], report: (line: string) => void): void {
  evaluate(personas); // warm WordNet's caches, as a running server has them
  const summary = summarise(evaluate(personas));
  report(
    `${label} (${personas.length} personas, ${summary.answerable + summary.unanswerable} questions): ` +
      `answered with the right fact ${summary.answeredRight}/${summary.answerable} = ${percent(summary.answeredRight, summary.answerable)} (target ≥ 90%); ` +
      `unanswerable answered honestly ${summary.honest}/${summary.unanswerable} = ${percent(summary.honest, summary.unanswerable)} (target 100%); ` +
      `replies repeating a sentence ${summary.repeated} (target 0); p50 reply ${summary.p50Milliseconds.toFixed(2)} ms`,
  );
}

const SUBJECTS =
  "I|My sister|My brother|My husband|Our neighbour|My friend Ana|We|My daughter|My mother|My boss".split("|");
const VERBS =
  "played|cooked|painted|visited|bought|sold|repaired|studied|photographed|collected|read|wrote about".split(
    "|",
  );
/**
 * Objects of a diary's sentences: adjectives × things, ~2,000 phrases, so a word is in a few percent of passages as
 * in real writing (with a dozen objects, "violin" would be in a third of them and every search would rank thousands).
 */
const THINGS = (
  "violin guitar piano cello drum flute choir song album record bread soup curry pasta cake pie tomatoes beans apples " +
  "roses garden boat kayak bicycle car train map book novel poem letter diary painting watercolour sketch photograph " +
  "camera telescope clock radio chess puzzle marathon race hike tent cabin farm horse dog cat rabbit parrot fish bees " +
  "quilt sweater scarf pottery vase lamp chair table bookshelf roof fence kitchen window stove kettle teapot"
).split(" ");
const ADJECTIVES =
  "old new small huge red blue green wooden broken borrowed famous strange lovely cheap rare tiny heavy bright quiet sturdy".split(
    " ",
  );
const OBJECTS = ADJECTIVES.flatMap((adjective) => THINGS.map((thing) => `a ${adjective} ${thing}`));
const PLACES =
  "in Oslo|in Lisbon|at the harbour|near the lake|in Manchester|at school|in the mountains|in Kyoto|at home".split(
    "|",
  );
const TIMES =
  "every summer|in 1998|on Sundays|last winter|when I was ten|after work|in spring|for years".split("|");

function passage(next: () => number): string {
  const pick = (list: string[]) => list[Math.floor(next() * list.length)] as string;
  const sentences = Array.from(
    { length: 3 + Math.floor(next() * 3) },
    () => `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(PLACES)} ${pick(TIMES)}.`,
  );
  return sentences.join(" ");
}

const QUESTION_FORMS = [
  "Do you make music?",
  "What did you cook in Lisbon?",
  "Who painted watercolours?",
  "Have you been to Kyoto?",
  "What do you like to eat?",
  "Do you have a boat?",
  "What did your sister study?",
  "Where did you play the piano?",
  "When did you visit the mountains?",
  "Do you grow vegetables?",
  "What do you collect?",
  "Tell me about your garden.",
];

async function overPassages(report: (line: string) => void): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), "aitwin-bench-brain-"));
  const store = await openStore({ kind: "sqlite", path: join(directory, "bench.sqlite") });
  try {
    const persona = EVAL_PERSONAS[0] as EvalPersona;
    const twin = await store.twins.create({ name: persona.name, persona: twinOf(persona).persona });
    const next = seededRandom(5);
    for (let index = 0; index < PASSAGES / 1000; index++) {
      const passages = Array.from({ length: 1000 }, () => passage(next));
      await store.knowledge.addDocument(twin.id, { name: `diary-${index}.txt`, kind: "text" }, passages);
    }
    const brain = new PersonaEngine();
    const questions = Array.from(
      { length: QUESTIONS },
      (_, index) => QUESTION_FORMS[index % QUESTION_FORMS.length] as string,
    );
    const ask = async (message: string) => {
      let reply = "";
      for await (const piece of think({ twin, history: [], message }, brain, store.memories, store.knowledge))
        reply += piece;
      return reply;
    };
    for (const question of QUESTION_FORMS) await ask(question); // warm caches
    const searchTimes: number[] = [];
    const replyTimes: number[] = [];
    let fromPassages = 0;
    for (const question of questions) {
      let started = performance.now();
      await store.knowledge.search(twin.id, question, 20);
      searchTimes.push(performance.now() - started);
      started = performance.now();
      let used = false;
      for await (const piece of think(
        {
          twin,
          history: [],
          message: question,
          onSources: (sources) => (used ||= sources.some((s) => s.kind === "passage")),
        },
        brain,
        store.memories,
        store.knowledge,
      ))
        void piece;
      replyTimes.push(performance.now() - started);
      if (used) fromPassages++;
    }
    const p99 = percentile(replyTimes, 0.99);
    report(
      `over ${PASSAGES.toLocaleString("en")} passages (SQLite), ${QUESTIONS} questions: reply p50 ${percentile(replyTimes, 0.5).toFixed(1)} ms, ` +
        `p99 ${p99.toFixed(1)} ms (target < 50 ms; ${(p99 / 50).toFixed(2)}× the target); full-text search alone p50 ` +
        `${percentile(searchTimes, 0.5).toFixed(1)} ms, p99 ${percentile(searchTimes, 0.99).toFixed(1)} ms (reply p99 = ` +
        `${(p99 / percentile(searchTimes, 0.99)).toFixed(1)}× search p99); ${percent(fromPassages, QUESTIONS)} answered from passages`,
    );
  } finally {
    await store.close();
    await rm(directory, { recursive: true, force: true });
  }
}

export const brainSuite: BenchSuite = {
  name: "brain",
  async run(report) {
    reportSet("evaluation set", EVAL_PERSONAS, report);
    reportSet("held-out set (never tuned on)", HELD_OUT_PERSONAS, report);
    await overPassages(report);
  },
};
