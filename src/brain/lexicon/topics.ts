/**
 * The hand-written part of the brain's understanding: life topics people ask about, phrases that carry a meaning
 * word by word cannot ("where are you from", "grew up", "can't stand"), and words that say little. WordNet (in
 * concepts.ts) supplies the breadth: any instrument is a musical instrument, any sister a sibling. Edit here to teach
 * the engine a new kind of question; nothing else needs to change.
 */

/** A topic: `members` in a statement put it under the topic; `cues` in a question ask about the whole topic. */
export interface Topic {
  members: string[];
  cues: string[];
  /** Broader topics this one belongs to: music, sport and art are all hobbies. */
  parents?: string[];
}

export const TOPICS: Record<string, Topic> = {
  food: {
    members:
      "food meal dish cuisine restaurant cook chef bake baker recipe eat tapas pizza pasta sushi curry".split(
        " ",
      ),
    cues: "food eat hungry cuisine dish meal snack dinner lunch breakfast".split(" "),
  },
  music: {
    members:
      "music musical song sing singer band concert musical_instrument musician quartet orchestra choir guitar piano violin drum jazz opera album vinyl".split(
        " ",
      ),
    cues: "music musical musician instrument sing song band concert".split(" "),
    parents: ["hobby"],
  },
  sport: {
    members:
      "sport run runner marathon race football soccer tennis swim cycle bike gym hike climb ski yoga golf basketball rugby cricket athlete exercise league".split(
        " ",
      ),
    cues: "sport athletic fit fitness exercise workout active".split(" "),
    parents: ["hobby"],
  },
  pet: {
    members: "pet cat dog puppy kitten rabbit hamster parrot budgie horse tortoise".split(" "),
    cues: "pet animal".split(" "),
  },
  family: {
    members:
      "family mother father mom mum dad parent sister brother sibling son daughter child kid wife husband partner spouse grandson granddaughter grandchild grandmother grandfather aunt uncle cousin niece nephew".split(
        " ",
      ),
    cues: "family relative folks".split(" "),
  },
  partner: {
    members: "spouse wife husband partner girlfriend boyfriend fiance fiancee marry married wedding".split(
      " ",
    ),
    cues: "married marry spouse partner relationship single girlfriend boyfriend dating".split(" "),
  },
  children: {
    members: "child kid son daughter baby".split(" "),
    cues: "child kid".split(" "),
  },
  grandchildren: {
    members: "grandchild grandson granddaughter grandkid".split(" "),
    cues: "grandchild grandkid grandson granddaughter".split(" "),
  },
  hobby: {
    members:
      "hobby collect paint draw garden gardening knit sew read photograph photography hike fish chess mahjong game puzzle craft pottery bake sing dance travel camp climb sail".split(
        " ",
      ),
    cues: "hobby pastime leisure".split(" "),
  },
  art: {
    members: "art paint painting watercolor draw drawing sculpt sculpture museum gallery artist".split(" "),
    cues: "art artistic creative".split(" "),
    parents: ["hobby"],
  },
  reading: {
    members: "book novel read author poem poetry literature".split(" "),
    cues: "read book literature".split(" "),
    parents: ["hobby"],
  },
  language: {
    members: "language speak fluent bilingual".split(" "),
    cues: "language".split(" "),
  },
  work: {
    members: "employ employer employee retire retired office company boss colleague".split(" "),
    cues: "work job career profession occupation living".split(" "),
  },
  education: {
    members: "study school university college degree graduate student major phd".split(" "),
    cues: "school education degree".split(" "),
  },
};

/**
 * Hypernyms (WordNet) that make a person-noun an occupation: "biologist" is a scientist, "chef" a skilled worker,
 * "nurse" a health professional, so each answers "what do you do?".
 */
export const OCCUPATION_ANCESTORS = new Set(
  (
    "worker skilled_worker professional employee scientist expert creator artist health_professional " +
    "educator engineer craftsman serviceman officer official businessman executive"
  ).split(" "),
);

/** A phrase that means one thing as a whole. The words it matches are then not read one by one. */
export interface Frame {
  tag: string;
  /**
   * Asks little by itself but cannot be left out ("your *favourite* food" is not answered by "I grow beans"): weighs
   * little, and a statement without the frame is a weak answer.
   */
  essential?: boolean;
  question?: RegExp;
  statement?: RegExp;
}

export const FRAMES: Frame[] = [
  {
    tag: "origin",
    question:
      /\bwhere (?:are|were) you (?:originally )?from\b|\bwhere do you come from\b|\bwhere did you grow up\b|\bwhere were you (?:born|raised)\b|\b(?:your )?home ?town\b/,
    statement:
      /\bgr[eo]w(?:n)? up\b|\bborn in [A-Z]|\bborn\b.*\bin [A-Z]|\braised in\b|\bfrom [A-Z]|\bhome ?town\b|\bnative of\b/,
  },
  {
    tag: "birth",
    question: /\bwhen (?:were|was) you born\b|\bbirthday\b|\bwhat year were you born\b|\bdate of birth\b/,
    statement: /\bborn\b|\bbirthday\b/,
  },
  {
    tag: "residence",
    question:
      /\bwhere do you (?:live|stay)\b|\bwhere are you (?:based|living)\b|\bwhere(?:'s| is) (?:your )?home\b|\bwhich city do you live\b/,
    // "I'm a pharmacist in Leeds", "I teach at a school in Munich": where I am now is where I live.
    statement:
      /\blive[sd]? in\b|\bliving in\b|\bmoved to\b|\bbased in\b|\bhome is\b|\breside|^I(?:'m| am| work| teach)\b[^.]*\bin [A-Z]/,
  },
  {
    tag: "work",
    question:
      /^what do you do(?: for (?:a )?(?:living|work))?\W*$|\bwhat do you do for (?:a )?(?:living|work)\b|\bwhere do you work\b|\bwhat (?:kind of )?work do you do\b|\bline of work\b|\bbefore you retired\b/,
    statement: /\bwork(?:s|ed)? (?:as|at|for|in)\b|\bmy job\b|\bretired\b|^I (?:teach|lecture|practi[cs]e)\b/,
  },
  {
    tag: "hobby",
    question: /\b(?:free|spare) time\b|\bfor fun\b|\bat the weekends?\b|\bon weekends\b/,
    statement: /\b(?:free|spare) time\b|\bfor fun\b|\bweekends\b/,
  },
  {
    tag: "dislike",
    question:
      /\b(?:can't|cannot|can not) stand\b|\bhate\b|\bdislike\b|\bannoys? you\b|\bpet peeve\b|\bbothers? you\b/,
    statement:
      /\b(?:can't|cannot|can not) stand\b|\bhate[sd]?\b|\bdislike[sd]?\b|\bloathe\b|\bdetest\b|\bannoy/,
  },
  {
    tag: "opinion",
    question:
      /\bwhat do you think (?:about|of)\b|\byour (?:opinion|views?|thoughts) (?:on|about)\b|\bhow do you feel about\b|\bdo you believe\b/,
    statement: /\bI (?:think|believe|feel that)\b|\bin my (?:opinion|view)\b|\bshould\b/,
  },
  {
    tag: "partner",
    question: /\bare you (?:in a relationship|seeing anyone|single)\b/,
  },
  {
    tag: "children",
    question: /\bare you a (?:mother|father|mom|mum|dad|parent)\b|\bdo you have (?:any )?(?:kids|children)\b/,
  },
  {
    tag: "grandchildren",
    question: /\bare you a (?:grandmother|grandfather|grandma|grandpa|granny|grandparent)\b/,
  },
  {
    tag: "preference",
    essential: true,
    question: /\bfavou?rite\b|\bdo you prefer\b|\blike (?:the )?(?:best|most)\b/,
    statement: /\bfavou?rite\b|\blove[sd]?\b|\blike[sd]?\b|\badore[sd]?\b|\bprefer\b|\benjoy/,
  },
  {
    tag: "car",
    question: /\bwhat (?:car|vehicle) do you (?:drive|have|own)\b|\bdo you (?:drive|have a car|own a car)\b/,
    statement: /\bdrive[sn]? (?:a|an|my)\b|\bdrove (?:a|an)\b|\bmy car\b/,
  },
  {
    tag: "fan",
    question:
      /\b(?:a )?fan of\b|\bare you a \w+ fan\b|\bwhich \w+ (?:team|club) do you support\b|\bdo you support\b/,
    statement: /\b(?:a )?fan of\b|\bsupport(?:s|ed)?\b|\bsupporter\b/,
  },
];

/** Written short forms and the words they stand for. */
export const ALIASES: Record<string, string[]> = {
  fc: ["football", "club"],
  afc: ["football", "club"],
  uni: ["university"],
  kids: ["child"],
  mum: ["mother"],
  mom: ["mother"],
  dad: ["father"],
  grandkids: ["grandchild"],
  telly: ["television"],
  tv: ["television"],
};

/** Words a question needs but that carry little of what it asks: "do you *make* music", "what do you *like* to eat". */
export const LIGHT_WORDS = new Set(
  (
    "make do have get go play like love enjoy want think feel ever kind much many lot usually often old call called " +
    "favorite favourite best most really thing stuff something anything everything bit time day way one"
  ).split(" "),
);

/** Words that say nothing about a fact in a question or a statement. */
export const STOP_WORDS = new Set(
  (
    "a an the and or but if of at by for with about to in on into over under up down out is are was were be been " +
    "being am any do does did doing have has had having it its this that these those there here what which who whom whose " +
    "when where why how can could would should will shall may might must just very so than too also not no nor as " +
    "then once some such own same other please tell me know let us we our ours they them their i you my your " +
    "mine yours myself yourself he she him her his hers name named s t re ve ll d m don didn doesn isn aren wasn " +
    "i'm i've i'd i'll you're you've you'd you'll it's we're we've they're that's there's what's don't didn't " +
    "doesn't isn't aren't wasn't weren't haven't hasn't won't wouldn't couldn't shouldn't " +
    "weren haven hasn can't cannot really actually today yesterday tomorrow yes yeah ok okay hi hello hey"
  ).split(" "),
);
