/**
 * When has the person finished speaking? Decided from what they said and how, not by a fixed wait: a complete
 * question ends after a breath of quiet, a sentence trailing off in "and", "the", "because" or "um" is given time to
 * go on. Rule-based so every decision can be explained; all the thresholds are here. No dependencies: the page, the
 * terminal chat and the bench use the same rules.
 */
export const TURN_END = {
  /** A complete question or request, said with a falling or level end. */
  finishedQuestionMs: 250,
  /**
   * A complete statement ending with a falling voice: longer, statements are more often continued. With the words
   * of a pause back within ~0.3 s, 400 ms cut off 2 of 12 thinking pauses on the bench's set (a sentence heard
   * without its trailing "um", said falling), 700 ms 1 of 12: any wait shorter than the pause (0.9 s there) cuts such
   * a mishearing off, so only a hesitation cue in the voice could save it without slowing every statement.
   */
  finishedStatementMs: 700,
  /**
   * A complete statement whose last word the recogniser is sure of, said falling (or level, heard surely throughout:
   * `sureSentenceConfidence`): the words are what was said, so the pause is the end of it more often than not. The
   * cut-offs the longer wait above guards against came from a misheard last word ("um" heard as "them"), which the
   * recogniser is mostly unsure of. 400 ms, not 450: with the final words' ~60 ms, these statements were the middle
   * of the bench's set at 489–504 ms, on the edge of the 500 ms target; a thinking pause of 0.9 s or more is longer
   * than either wait, so either cuts it off alike when the words look finished; people leave 200–300 ms between
   * turns.
   */
  sureStatementMs: 400,
  /** A last word heard with at least this confidence (0–1, the recogniser's posterior) counts as sure. */
  sureWordConfidence: 0.5,
  /**
   * A statement said level ends as soon as a falling one only when the recogniser heard nearly all of it surely (its
   * words' mean confidence): then the words alone say it is complete. A level "um" misheard as a sure word ("i want
   * it to ask you about time", 0.87 on "time") came in a sentence heard at 0.75 on the bench and was cut off at 0.7;
   * "my sister lives in canada now" heard cleanly is 0.99 (it waited 1.2 s as undecided before), "go forward ten
   * meters" from a real recording 0.83 (still undecided: telling it from the misheard "um" needs a hesitation cue).
   */
  sureSentenceConfidence: 0.9,
  /**
   * Nothing recognised yet, words that decide nothing, or a statement said rising (or level, not heard surely
   * throughout or from a recogniser that gives no confidence): nothing says it is over, so wait a little longer than
   * the 1.2 s thinking pauses people often take mid-sentence (a pause that ends on a soft sound, as the "s" of
   * "soup", is heard as up to 0.1 s longer, so the longest pauses of the bench's set still end near this wait; the
   * words before them decide instead). Longer than the old fixed 800 ms wait, which cut off every thinking pause in
   * our set; the words of a finished phrase usually arrive well before it and then decide.
   */
  undecidedMs: 1300,
  /** No words (a recogniser that tells none while the person speaks) but a clearly falling end: likely done. */
  undecidedFallingMs: 800,
  /**
   * A wh-question ending on a word that a statement cannot end on but a question can ("what do you do", "who are
   * you", "what is it about"): complete, but as easily a start ("what do you think about … the weather"), so longer
   * than a plain question and well short of a thinking pause.
   */
  openEndedQuestionMs: 500,
  /**
   * Words that cannot end a sentence ("and", "the", "um"), a rising, held end mid-phrase, or a statement whose last
   * word the recogniser could not make out: what trails off unclearly is most often a filler or a word left hanging
   * ("my favourite food is the … soup" heard as "like i do either", unsure of "either", in a 1.2 s pause).
   */
  unfinishedMs: 1500,
  /**
   * Start early: quiet after which the reply to the words so far is begun (and thrown away if speech goes on). Longer
   * than the gaps between words, shorter than any turn-end wait, so the reply is under way when the turn ends.
   */
  startEarlyMs: 120,
  /** Fewer words than this are not judged complete (a lone "what" is a start, not a question). */
  minimumCompleteWords: 3,
  /** Pitch falling by this many semitones over the last stretch of speech counts as falling. */
  fallingPitchSemitones: 1,
  /** Energy falling by this many decibels over the last stretch of speech counts as falling. */
  fallingEnergyDb: 3,
} as const;

/** The fixed wait used before (and kept as the bench's baseline). */
export const FIXED_QUIET_MS = 800;

/** How the voice moved over the last stretch of speech before the pause. */
export interface EndProsody {
  /** Pitch change over the stretch in semitones (negative: falling); undefined when no pitch was found. */
  pitchSemitones?: number;
  /** Energy change over the stretch in dB (negative: falling). */
  energyDb?: number;
}

export type TurnShape =
  | "finished-question"
  | "open-ended-question"
  | "finished-statement"
  | "unfinished"
  | "undecided";

export interface TurnEndDecision {
  /** Quiet needed after the last speech before the turn is over. */
  quietMs: number;
  shape: TurnShape;
  /** In words, why: shown in debugging and the bench. */
  reason: string;
}

/**
 * Words a sentence does not end on: conjunctions, articles, prepositions, possessives, fillers (a held "um" comes
 * back from PocketSphinx as "ah" or "oh" as often as "um").
 */
const CONTINUING = new Set(
  (
    "and or but nor so because since although though while whereas if unless until when where whether that which who " +
    "whose the a an my your his her its our their this these those some any every no to of in on at for from with " +
    "about into onto over under between through by as than like is are was were am be been being do does did have " +
    "has had will would can could should shall may might must very really quite more most um uh er erm hmm ah oh mm " +
    "then also just i we you they he she it i'm i've we're you're let's what's"
  ).split(" "),
);

/** Questions that ask with a wh-word, which can end on a stranded preposition, verb or pronoun. */
const WH_START = new Set("what what's whats why how who whom whose where when which".split(" "));

/** Of the words a statement cannot end on, those a wh-question can ("what are you looking at", "how are you"). */
const QUESTION_CAN_END_ON = new Set(
  (
    "about at for from with to of on in into like by over through is are was were am be been do does did have has had " +
    "will would can could should i we you they he she it"
  ).split(" "),
);

/** Answers complete in a word or two ("yes", "no thanks"): a short reply should not wait like a fragment. */
const SHORT_ANSWER = new Set(
  "yes yeah yep no nope okay ok sure thanks thank you fine right exactly maybe please great cool".split(" "),
);

const QUESTION_START = new Set(
  (
    "what what's whats why how who whom whose where when which do does did is are was were am can could would will " +
    "should shall may might have has had tell describe explain say give name"
  ).split(" "),
);

/** The mean of the words' confidences (0–1), or undefined when the recogniser gives none. */
export function meanConfidence(words: readonly { confidence?: number }[]): number | undefined {
  const known = words.flatMap((word) => (word.confidence === undefined ? [] : [word.confidence]));
  return known.length === 0 ? undefined : known.reduce((sum, value) => sum + value, 0) / known.length;
}

/** Words as the recognisers give them: lower case, apostrophes kept, everything else a space. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9']+/g, " ")
    .trim()
    .split(" ")
    .filter((word) => word !== "");
}

/** What the words so far say about the turn, before any prosody. */
export function shapeOfWords(text: string): TurnShape {
  const words = wordsOf(text);
  const last = words.at(-1);
  if (last === undefined) return "undecided";
  if (CONTINUING.has(last)) {
    const question = WH_START.has(words[0] as string) && words.length >= TURN_END.minimumCompleteWords;
    return question && QUESTION_CAN_END_ON.has(last) ? "open-ended-question" : "unfinished";
  }
  if (words.length < TURN_END.minimumCompleteWords) {
    return words.every((word) => SHORT_ANSWER.has(word)) ? "finished-statement" : "undecided";
  }
  if (/\?\s*$/.test(text) || QUESTION_START.has(words[0] as string)) return "finished-question";
  return "finished-statement";
}

/**
 * How much quiet to wait for after the last speech, from the words so far, how the voice ended, and how sure the
 * recogniser is of the last word and of all the words on average (0–1; undefined from a recogniser that does not say).
 */
export function decideTurnEnd(
  words: string,
  prosody: EndProsody = {},
  lastWordConfidence?: number,
  sentenceConfidence?: number,
): TurnEndDecision {
  const shape = shapeOfWords(words);
  const falling =
    (prosody.pitchSemitones ?? 0) <= -TURN_END.fallingPitchSemitones ||
    (prosody.energyDb ?? 0) <= -TURN_END.fallingEnergyDb;
  const rising = (prosody.pitchSemitones ?? 0) >= TURN_END.fallingPitchSemitones;
  switch (shape) {
    case "unfinished":
      return {
        quietMs: TURN_END.unfinishedMs,
        shape,
        reason: `ends on "${wordsOf(words).at(-1)}", which a sentence does not end on`,
      };
    case "finished-question":
      return { quietMs: TURN_END.finishedQuestionMs, shape, reason: "a complete question" };
    case "open-ended-question":
      return rising
        ? {
            quietMs: TURN_END.unfinishedMs,
            shape,
            reason: `a question ending on "${wordsOf(words).at(-1)}", the voice rising`,
          }
        : {
            quietMs: TURN_END.openEndedQuestionMs,
            shape,
            reason: `a question that can end on "${wordsOf(words).at(-1)}"`,
          };
    case "finished-statement":
      // A statement that is over falls, or stays level in a sentence heard surely; one said rising may go on, and a
      // misheard "um" looks complete (the recogniser is mostly unsure of it). Without confidences, only a falling
      // voice ends it sooner.
      if (lastWordConfidence !== undefined && lastWordConfidence < TURN_END.sureWordConfidence) {
        return {
          quietMs: TURN_END.unfinishedMs,
          shape,
          reason: `a complete statement, but the recogniser is unsure of its last word "${wordsOf(words).at(-1)}"`,
        };
      }
      if (rising) {
        return {
          quietMs: TURN_END.undecidedMs,
          shape,
          reason: "a complete statement, but the voice rose at the end",
        };
      }
      if (lastWordConfidence !== undefined && falling) {
        return {
          quietMs: TURN_END.sureStatementMs,
          shape,
          reason: "a complete statement, the voice falling, its last word heard surely",
        };
      }
      if (lastWordConfidence !== undefined && (sentenceConfidence ?? 0) >= TURN_END.sureSentenceConfidence) {
        return {
          quietMs: TURN_END.sureStatementMs,
          shape,
          reason: "a complete statement, the voice level, every word heard surely",
        };
      }
      return falling
        ? { quietMs: TURN_END.finishedStatementMs, shape, reason: "a complete statement, the voice falling" }
        : {
            quietMs: TURN_END.undecidedMs,
            shape,
            reason: "a complete statement, but the voice did not fall",
          };
    default:
      // A word or two heard that decide nothing: the person has barely begun, however the voice fell (800 ms cut
      // off "my favourite food is the …" heard as two words). With no words at all, the voice is all there is.
      return falling && wordsOf(words).length === 0
        ? {
            quietMs: TURN_END.undecidedFallingMs,
            shape,
            reason: "no telling words; the voice fell at the end",
          }
        : { quietMs: TURN_END.undecidedMs, shape, reason: "no telling words yet" };
  }
}
