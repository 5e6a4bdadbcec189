import { lemmasOf, partsOfSpeechAround } from "./lemmas.js";
import { ALIASES, OCCUPATION_ANCESTORS, TOPICS } from "./topics.js";
import type { Synset, WordNet } from "./wordnet.js";

/** What a word can mean, as concepts with how surely it means them (1 = the word itself). */
export type Concepts = Map<string, number>;

/** The words on either side of a word in its sentence, which tell its part of speech. */
export interface Neighbours {
  previous?: string;
  next?: string;
  /** Written with a capital inside a sentence: may be a name ("Manchester"), which lower-case words never are. */
  capitalised?: boolean;
  /** Certainly someone's own name ("my boyfriend Tom"): the word means only itself. */
  name?: boolean;
}

/** Lexicographer files that stand for a topic whatever the word: every noun.food word is food. */
const LEXICAL_FILE_TOPICS: Record<number, string> = { 13: "food" };

const MEMBER_TOPICS = invert((topic) => topic.members);
const CUE_TOPICS = invert((topic) => topic.cues);

function invert(pick: (topic: (typeof TOPICS)[string]) => string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [name, topic] of Object.entries(TOPICS)) {
    for (const word of pick(topic)) map.set(word, [...(map.get(word) ?? []), `@${name}`]);
  }
  return map;
}

/** How many senses of a word count: the rarer senses of common words bring more noise than meaning. */
const SENSES = 2;
/** Hypernym levels followed from a statement's word, with the weight each level keeps. */
const HYPERNYM_WEIGHTS = [0.85, 0.8, 0.75, 0.7];
/** Hypernyms this general say nothing ("entity", "object", "person", "act"). */
const TOO_GENERAL = new Set(
  (
    "entity physical_entity abstraction abstract_entity object whole artifact artefact instrumentality thing " +
    "organism being living_thing causal_agent cause person individual someone somebody mortal soul human act " +
    "deed human_action human_activity event psychological_feature attribute relation group grouping matter " +
    "unit state activity communication measure quantity cognition knowledge content location region"
  ).split(" "),
);

function add(concepts: Concepts, concept: string, weight: number): void {
  if ((concepts.get(concept) ?? 0) < weight) concepts.set(concept, weight);
}

/**
 * Concepts of a word in a question: the word, its dictionary forms, synonyms and derived forms ("gardening" ↔
 * "garden"), and the topic it asks about when it is a topic's cue ("siblings"? no: WordNet handles those; "hobbies"
 * → @hobby). Narrow on purpose: a general question may be answered by a specific fact, never the other way round.
 */
export function questionConcepts(word: string, around: Neighbours, wordNet: WordNet): Concepts {
  const concepts = baseConcepts(word, around, wordNet);
  // Only the word itself asks about a topic: "favourite" has the synonym "pet" but asks nothing about pets.
  const forms = [word.toLowerCase(), ...sensesOf(word, around, wordNet).map(({ lemma }) => lemma)];
  for (const form of forms) {
    for (const topic of CUE_TOPICS.get(form) ?? []) add(concepts, topic, 1);
    for (const topic of MEMBER_TOPICS.get(form) ?? []) if (`@${form}` === topic) add(concepts, topic, 1);
  }
  return concepts;
}

/*
 * Concepts of a word in a statement: the question's concepts, and also what the word is a kind of (violin → bowed
 * stringed instrument → … → musical instrument; sister → sibling), where it is (Manchester → England), its topics
 * (violin → @music; any food → @food) and, for people, whether it is an occupation (@work).
 */
const statementCache = new Map<string, Concepts>();

/**
 * Concepts of a word in a statement: cached by the word and what its neighbours say of it, since a person's writing
 * repeats its words and each fresh one costs a few dozen reads of WordNet.
 */
export function statementConcepts(word: string, around: Neighbours, wordNet: WordNet): Concepts {
  const key = `${word}|${partsOfSpeechAround(word, around.previous, around.next).join(",")}|${around.capitalised}|${around.name}`;
  let concepts = statementCache.get(key);
  if (!concepts) {
    concepts = expandStatementWord(word, around, wordNet);
    if (statementCache.size > 100_000) statementCache.clear();
    statementCache.set(key, concepts);
  }
  return concepts;
}

function expandStatementWord(word: string, around: Neighbours, wordNet: WordNet): Concepts {
  const concepts = baseConcepts(word, around, wordNet);
  // Topics come from what the word is and is a kind of, not from its synonyms' other senses ("favourite" ~ "pet").
  // A violin is wholly music however far up "musical instrument" is; only a second sense is less sure.
  const kinds = new Map<string, number>([[word.toLowerCase(), 1]]);
  for (const { lemma, synsets } of sensesOf(word, around, wordNet)) {
    kinds.set(lemma, 1);
    synsets.forEach((synset, sense) => {
      if (synset.lexicalFile === 18 && synset.lemmas.some((name) => OCCUPATION_ANCESTORS.has(name)))
        add(concepts, "@work", 0.9);
      // A second sense is a second guess: what it is a kind of counts for less.
      climb(synset, wordNet, concepts, kinds, sense === 0 ? 1 : 0.8);
    });
  }
  for (const [kind, certainty] of kinds) {
    const weight = 0.9 * certainty;
    for (const topic of MEMBER_TOPICS.get(kind) ?? []) {
      add(concepts, topic, weight);
      for (const parent of TOPICS[topic.slice(1)]?.parents ?? []) add(concepts, `@${parent}`, weight * 0.9);
    }
  }
  return concepts;
}

/**
 * The senses a word is read with: its dictionary forms in the part of speech the word before it suggests (the first
 * part of speech WordNet has the word in), each with its most frequent senses.
 */
function sensesOf(word: string, around: Neighbours, wordNet: WordNet) {
  if (around.name) return [];
  const lemmas = lemmasOf(word, wordNet, partsOfSpeechAround(word, around.previous, around.next));
  const pos = lemmas[0]?.pos;
  return lemmas
    .filter((lemma) => lemma.pos === pos)
    .map(({ lemma }) => ({
      lemma,
      synsets: pos
        ? wordNet
            .synsetsOf(lemma, pos)
            // "born" is not Max Born; "Manchester" may well be Manchester; but a cat called Turing is no
            // mathematician: people's names are the people the twin knows, never the famous ones.
            .filter((synset) => !synset.names.has(lemma) || (around.capitalised && synset.lexicalFile !== 18))
            .slice(0, SENSES)
        : [],
    }));
}

function baseConcepts(word: string, around: Neighbours, wordNet: WordNet): Concepts {
  const lower = word.toLowerCase();
  const concepts: Concepts = new Map([[lower, 1]]);
  for (const alias of ALIASES[lower] ?? []) add(concepts, alias, 1);
  for (const { lemma, synsets } of sensesOf(lower, around, wordNet)) {
    add(concepts, lemma, 1);
    synsets.forEach((synset, sense) => {
      // Synonyms of the first sense only: the second sense's ("favourite" → "pet") are mostly other meanings.
      if (sense > 0) return;
      for (const synonym of synset.lemmas) add(concepts, synonym, 0.9);
      // Derived forms of this very word ("paint" → "painting", "painter"), not of its synonyms.
      const own = synset.lemmas.indexOf(lemma) + 1;
      for (const pointer of synset.pointers) {
        if ((pointer.symbol !== "+" && pointer.symbol !== "\\") || pointer.source !== own) continue;
        const derived = wordNet.synset(pointer.offset, pointer.pos).lemmas[pointer.target - 1];
        if (derived) add(concepts, derived, 0.85);
      }
    });
  }
  return concepts;
}

function climb(
  start: Synset,
  wordNet: WordNet,
  concepts: Concepts,
  kinds: Map<string, number>,
  certainty: number,
): void {
  const topic = LEXICAL_FILE_TOPICS[start.lexicalFile];
  if (topic) add(concepts, `@${topic}`, 0.9);
  let level: Synset[] = [start];
  for (const levelWeight of HYPERNYM_WEIGHTS) {
    const weight = levelWeight * certainty;
    const next: Synset[] = [];
    for (const synset of level) {
      for (const pointer of synset.pointers) {
        if (pointer.symbol === "#p" && synset.lexicalFile === 15) {
          // A place is also in the places that hold it: Manchester is in England.
          for (const lemma of wordNet.synset(pointer.offset, pointer.pos).lemmas)
            add(concepts, lemma, weight);
        }
        if (pointer.symbol !== "@" && pointer.symbol !== "@i") continue;
        const parent = wordNet.synset(pointer.offset, pointer.pos);
        if (parent.lemmas.some((lemma) => TOO_GENERAL.has(lemma))) continue;
        next.push(parent);
        // A synset's first lemma names it; the others may be other senses' words ("use, usage, exercise").
        const name = parent.lemmas[0] ?? "";
        for (const kind of [name, name.split("_").at(-1) ?? name]) {
          if ((kinds.get(kind) ?? 0) < certainty) kinds.set(kind, certainty);
        }
        for (const lemma of parent.lemmas) {
          add(concepts, lemma, weight);
          if (OCCUPATION_ANCESTORS.has(lemma) && start.lexicalFile === 18) add(concepts, "@work", 0.9);
          addCompoundParts(concepts, lemma, weight);
        }
      }
    }
    level = next;
  }
}

/**
 * A compound names a kind of its head: a "female_sibling" is a sibling, a "musical_instrument" an instrument, a
 * "person_of_color" a person. The head counts nearly as the compound; the other parts only weakly.
 */
function addCompoundParts(concepts: Concepts, lemma: string, weight: number): void {
  const parts = lemma.split("_");
  if (parts.length < 2) return;
  const ofAt = parts.indexOf("of");
  const head = ofAt > 0 ? parts[ofAt - 1] : parts.at(-1);
  for (const part of parts) {
    if (part === "of" || part.length < 3) continue;
    add(concepts, part, part === head ? weight : weight * 0.5);
  }
}
