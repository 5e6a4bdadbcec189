/**
 * Tokens for retrieval: lower-case words with stop words (pronouns included) dropped, a light stem and a few
 * synonyms, so "your favourite foods" finds "my favorite food" and "your job" finds "I work as a nurse".
 */
const STOP_WORDS = new Set(
  (
    "a an the and or but if of at by for with about to in on into over under up down out is are was were be been " +
    "being am do does did doing have has had having it its this that these those there here what which who whom whose " +
    "when where why how can could would should will shall may might must just very so than too also not no nor as " +
    "then once any some such own same other please tell me know let us we our ours they them their i you my your " +
    "mine yours myself yourself he she him her his hers name kind sort type thing stuff really actually today " +
    "yesterday tomorrow"
  ).split(" "),
);

const SPELLING: Record<string, string> = {
  favourite: "favorite",
  colour: "color",
  flavour: "flavor",
  neighbour: "neighbor",
  honour: "honor",
  humour: "humor",
  theatre: "theater",
  centre: "center",
};

/** Words that mean one thing for a personal fact; each maps to a canonical token. */
const CONCEPTS: Record<string, string> = {
  job: "work",
  career: "work",
  profession: "work",
  occupation: "work",
  living: "work",
  eat: "food",
  dish: "food",
  meal: "food",
  cuisine: "food",
  film: "movie",
  song: "music",
  grew: "grow",
  went: "go",
  born: "birth",
  birthday: "birth",
  married: "marry",
  love: "like",
  loves: "like",
  loved: "like",
  enjoy: "like",
  adore: "like",
  wife: "spouse",
  husband: "spouse",
  partner: "spouse",
};

/**
 * A deliberately small stemmer: plural and verb endings, then a final "e" and a doubled consonant, so that
 * live/lives/lived/living and stop/stopped all meet. Good enough for short personal facts.
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  let base = word;
  if (/ies$|ied$/.test(base) && base.length > 4) base = `${base.slice(0, -3)}y`;
  else if (base.endsWith("ing") && base.length > 5) base = base.slice(0, -3);
  else if (base.endsWith("ed") && base.length > 4) base = base.slice(0, -2);
  else if (base.endsWith("es") && base.length > 4 && !base.endsWith("ses")) base = base.slice(0, -1);
  else if (base.endsWith("s") && !/(ss|us|is)$/.test(base)) base = base.slice(0, -1);
  if (base.length > 3 && base.endsWith("e")) base = base.slice(0, -1);
  if (base.length > 3 && /([b-df-hj-np-rtv-z])\1$/.test(base) && !/(ll|ss|zz)$/.test(base))
    base = base.slice(0, -1);
  return base;
}

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}

/**
 * Words that also belong to a broader topic, so "tell me about your family" finds "my sister is Ana". The word keeps
 * its own token too: "your sister" still prefers the sister.
 */
const TOPICS: Record<string, string> = {
  mother: "family",
  father: "family",
  mom: "family",
  mum: "family",
  dad: "family",
  parent: "family",
  sister: "family",
  brother: "family",
  sibling: "family",
  son: "family",
  daughter: "family",
  child: "family",
  children: "family",
  kid: "family",
  spouse: "family",
  grandmother: "family",
  grandfather: "family",
  cat: "pet",
  dog: "pet",
  rabbit: "pet",
  parrot: "pet",
  hamster: "pet",
  fish: "pet",
};

/** Occupations answer "what do you do / what is your job"; each stems to itself and belongs to "work". */
for (const occupation of (
  "engineer developer programmer designer teacher professor nurse doctor surgeon dentist chef cook baker waiter " +
  "lawyer accountant artist painter musician writer author journalist editor student scientist researcher " +
  "manager farmer pilot driver mechanic electrician plumber carpenter architect pharmacist therapist firefighter " +
  "police officer soldier sailor consultant analyst entrepreneur founder librarian photographer actor dancer"
).split(" ")) {
  TOPICS[stem(occupation)] = "work";
}

export function tokens(text: string): string[] {
  const result: string[] = [];
  for (const raw of words(text)) {
    const word = raw.replace(/'s$/, "");
    if (STOP_WORDS.has(word)) continue;
    const spelled = SPELLING[word] ?? word;
    const token = stem(CONCEPTS[spelled] ?? CONCEPTS[stem(spelled)] ?? spelled);
    result.push(token);
    const topic = TOPICS[token] ?? TOPICS[spelled];
    if (topic) result.push(topic);
  }
  return result;
}
