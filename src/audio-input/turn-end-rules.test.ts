import { describe, expect, it } from "vitest";
import { endProsody } from "./end-prosody.js";
import { TurnEndDetector } from "./turn-end-detector.js";
import { decideTurnEnd, meanConfidence, shapeOfWords, TURN_END } from "./turn-end-rules.js";

describe("turn-end rules", () => {
  it("ends a complete question after a breath and waits long for a sentence that trails off", () => {
    expect(decideTurnEnd("what is your favourite food")).toMatchObject({
      shape: "finished-question",
      quietMs: TURN_END.finishedQuestionMs,
    });
    for (const trailing of [
      "i grew up in london and",
      "my favourite food is the",
      "because um",
      "i want to ask you about oh",
      "tell me about",
    ]) {
      expect(decideTurnEnd(trailing)).toMatchObject({ shape: "unfinished", quietMs: TURN_END.unfinishedMs });
    }
    const falling = { pitchSemitones: -2, energyDb: -6 };
    expect(decideTurnEnd("i live in paris", falling)).toMatchObject({ shape: "finished-statement" });
    expect(decideTurnEnd("i live in paris", falling).quietMs).toBeLessThan(TURN_END.undecidedMs);
    // Said level, a complete-looking statement may still go on ("I wanted to ask you about, um…" misheard).
    expect(decideTurnEnd("i wanted to ask you about them", { pitchSemitones: 0 }).quietMs).toBe(
      TURN_END.undecidedMs,
    );
  });

  it("lets a wh-question end on a stranded preposition, verb or pronoun, a little later than a plain question", () => {
    for (const question of ["what do you do", "how are you", "what is that about", "who did you go with"]) {
      expect(decideTurnEnd(question)).toMatchObject({
        shape: "open-ended-question",
        quietMs: TURN_END.openEndedQuestionMs,
      });
    }
    expect(TURN_END.openEndedQuestionMs).toBeGreaterThan(TURN_END.finishedQuestionMs);
    expect(TURN_END.openEndedQuestionMs).toBeLessThan(TURN_END.undecidedMs);
    // Not after an article, a conjunction or a filler, not in a statement, and not with a rising, held voice.
    for (const trailing of [
      "what is the",
      "why did you go and",
      "what do you um",
      "i wanted to talk about",
    ]) {
      expect(decideTurnEnd(trailing).quietMs).toBe(TURN_END.unfinishedMs);
    }
    expect(decideTurnEnd("what do you", { pitchSemitones: 2 }).quietMs).toBe(TURN_END.unfinishedMs);
  });

  it("judges too few words and no words by the voice alone", () => {
    expect(shapeOfWords("")).toBe("undecided");
    expect(shapeOfWords("hello there")).toBe("undecided");
    expect(decideTurnEnd("", { pitchSemitones: -3, energyDb: -8 }).quietMs).toBe(TURN_END.undecidedFallingMs);
    expect(decideTurnEnd("", { pitchSemitones: 0.2, energyDb: 0 }).quietMs).toBe(TURN_END.undecidedMs);
    // A fragment of a word or two is not ended sooner for a falling voice; a short answer is complete.
    expect(decideTurnEnd("my favourite", { pitchSemitones: -3, energyDb: -8 }).quietMs).toBe(
      TURN_END.undecidedMs,
    );
    expect(decideTurnEnd("no thanks", { pitchSemitones: -3, energyDb: -8 })).toMatchObject({
      shape: "finished-statement",
      quietMs: TURN_END.finishedStatementMs,
    });
  });

  it("ends a statement sooner when the recogniser is sure of its last word, and waits when it is unsure", () => {
    const falling = { pitchSemitones: -2, energyDb: -6 };
    expect(decideTurnEnd("i live in paris", falling, 0.95)).toMatchObject({
      shape: "finished-statement",
      quietMs: TURN_END.sureStatementMs,
    });
    expect(TURN_END.sureStatementMs).toBeLessThan(TURN_END.finishedStatementMs);
    // "I wanted to ask you about, um…" heard as "…about them", unsure of "them": waited out like a trailing word.
    expect(decideTurnEnd("i wanted to ask you about them", falling, 0.2)).toMatchObject({
      quietMs: TURN_END.unfinishedMs,
      reason: expect.stringContaining('unsure of its last word "them"'),
    });
    // Said level: as soon when every word was heard surely ("my sister lives in canada now" in a calm voice), not
    // when the recogniser half-guessed the sentence (a level "um" heard as a sure "time"); said rising, it may go on.
    const level = { pitchSemitones: 0.3, energyDb: -1 };
    expect(decideTurnEnd("my sister lives in canada now", level, 1, 0.99)).toMatchObject({
      quietMs: TURN_END.sureStatementMs,
      reason: expect.stringContaining("level"),
    });
    expect(decideTurnEnd("i want it to ask you about time", level, 0.87, 0.75).quietMs).toBe(
      TURN_END.undecidedMs,
    );
    expect(decideTurnEnd("go forward ten meters", level, 0.81).quietMs).toBe(TURN_END.undecidedMs);
    expect(
      decideTurnEnd("he was not an ill disposed young man", { pitchSemitones: 3 }, 0.91, 0.9).quietMs,
    ).toBe(TURN_END.undecidedMs);
    // From a recogniser that gives no confidence, only a falling voice ends a statement sooner.
    expect(decideTurnEnd("i wanted to ask you about them", { pitchSemitones: 0 }).quietMs).toBe(
      TURN_END.undecidedMs,
    );
    expect(decideTurnEnd("i live in paris", falling).quietMs).toBe(TURN_END.finishedStatementMs);
    // Questions and trailing words are judged by the words, however sure.
    expect(decideTurnEnd("what is your favourite food", {}, 0.1).quietMs).toBe(TURN_END.finishedQuestionMs);
    expect(decideTurnEnd("i grew up in london and", falling, 0.99).quietMs).toBe(TURN_END.unfinishedMs);
  });

  it("averages the confidences a recogniser gives, and has none when it gives none", () => {
    expect(meanConfidence([{ confidence: 0.9 }, { confidence: 0.5 }, {}])).toBeCloseTo(0.7);
    expect(meanConfidence([{}, {}])).toBeUndefined();
    expect(meanConfidence([])).toBeUndefined();
  });

  it("gives a statement said with a rising end more time", () => {
    expect(decideTurnEnd("i live in paris", { pitchSemitones: 3 }).quietMs).toBeGreaterThan(
      decideTurnEnd("i live in paris", { pitchSemitones: -3 }).quietMs,
    );
  });
});

/** A voiced sound (a pulse train through the harmonics) gliding from one pitch to another, fading as asked. */
function glide(fromHz: number, toHz: number, fromLevel: number, toLevel: number, rate = 16_000, ms = 600) {
  const length = Math.round((rate * ms) / 1000);
  const samples = new Float32Array(length);
  let phase = 0;
  for (let index = 0; index < length; index++) {
    const progress = index / length;
    phase += (2 * Math.PI * (fromHz + (toHz - fromHz) * progress)) / rate;
    const level = fromLevel + (toLevel - fromLevel) * progress;
    let value = 0;
    for (let harmonic = 1; harmonic <= 5; harmonic++) value += Math.sin(phase * harmonic) / harmonic;
    samples[index] = value * level;
  }
  return samples;
}

describe("end prosody", () => {
  it("hears a falling pitch and a fading voice as falling, a rising one as rising", () => {
    const falling = endProsody(glide(220, 150, 0.5, 0.15), 16_000);
    expect(falling.pitchSemitones).toBeLessThan(-TURN_END.fallingPitchSemitones);
    expect(falling.energyDb).toBeLessThan(-TURN_END.fallingEnergyDb);
    const rising = endProsody(glide(150, 220, 0.3, 0.3), 16_000);
    expect(rising.pitchSemitones).toBeGreaterThan(TURN_END.fallingPitchSemitones);
    expect(Math.abs(rising.energyDb ?? 99)).toBeLessThan(1);
  });

  it("takes a jump of more than three-quarters of an octave for the pitch tracker's mistake, not a rise", () => {
    // A creaky end read an octave and more off, as on two of pocketsphinx-testdata's recorded sentences.
    const low = glide(110, 110, 0.3, 0.3, 16_000, 300);
    const high = glide(330, 330, 0.3, 0.3, 16_000, 300);
    const jump = endProsody(Float32Array.of(...low, ...high), 16_000);
    expect(jump.pitchSemitones).toBeUndefined();
    expect(jump.energyDb).toBeDefined();
  });

  it("finds no pitch in noise", () => {
    const noise = Float32Array.from({ length: 9600 }, (_, index) => Math.sin(index * index * 0.37) * 0.2);
    expect(endProsody(noise, 16_000).pitchSemitones).toBeUndefined();
  });
});

describe("turn-end detector", () => {
  const rate = 16_000;
  const voice = glide(200, 200, 0.3, 0.3, rate, 1000);
  /** Quiet heard (ms) when the detector ends the turn, fed 20 ms at a time after a second of voice. */
  const endsAfter = (detector: TurnEndDetector, words?: string) => {
    let event = detector.push(voice);
    expect(event).toBe("speech-start");
    if (words !== undefined) detector.words = words;
    for (let quiet = 20; quiet <= 3000; quiet += 20) {
      event = detector.push(new Float32Array(rate / 50));
      if (event === "turn-end") return quiet;
    }
    return Number.POSITIVE_INFINITY;
  };

  it("ends a finished question a breath after the voice stops, and waits long after a trailing 'and'", () => {
    const question = endsAfter(new TurnEndDetector({ sampleRate: rate }), "what is your name");
    // Quiet is counted in 20 ms frames.
    expect(question).toBeGreaterThanOrEqual(TURN_END.finishedQuestionMs);
    expect(question).toBeLessThan(TURN_END.finishedQuestionMs + 20);
    expect(endsAfter(new TurnEndDetector({ sampleRate: rate }), "i grew up in london and")).toBe(
      TURN_END.unfinishedMs,
    );
    expect(endsAfter(new TurnEndDetector({ sampleRate: rate, fixedQuietMs: 800 }), "what is your name")).toBe(
      800,
    );
  });

  it("says when nobody spoke", () => {
    const detector = new TurnEndDetector({ sampleRate: rate, noSpeechMs: 500 });
    expect(detector.push(new Float32Array(rate))).toBe("no-speech");
  });
});
