import { describe, expect, it } from "vitest";
import { DEFAULT_TWIN } from "../app/default-twin.js";
import { testTwin } from "../brain/test-twin.js";
import type { TwinProfile } from "../core/twin.js";
import {
  type AnswerOutcome,
  answerQuestion,
  type InterviewState,
  type Knows,
  nextQuestion,
  questionText,
  startInterview,
} from "./interview.js";
import type { QuestionId } from "./interview-plan.js";
import { knownTo } from "./known-topics.js";

const knowsNothing: Knows = () => false;

/** Runs an interview over scripted answers; returns each question with the facts its answer taught. */
function interview(answers: string[], knows: Knows = knowsNothing) {
  let state: InterviewState = startInterview();
  const transcript: { question: string; facts: string[]; name?: string; style?: string }[] = [];
  for (const answer of answers) {
    const next = nextQuestion(state, knows);
    if (!next.question) break;
    const outcome = answerQuestion(next.state, answer);
    const learned = outcome.kind === "answered" ? outcome.learned : { facts: [] };
    transcript.push({ question: next.question, ...learned });
    state = outcome.state;
    if (outcome.kind === "stopped") break;
  }
  return { transcript, state };
}

/** The answer to one question, asked on its own (a follow-up's subject given as `subject`). */
function answer(id: QuestionId, text: string, subject?: string): AnswerOutcome {
  return answerQuestion({ pending: [], current: { id, ...(subject && { subject }) } }, text);
}
const factsOf = (outcome: AnswerOutcome) => (outcome.kind === "answered" ? outcome.learned.facts : []);
const followUpsOf = (outcome: AnswerOutcome) => outcome.state.pending.map((ref) => questionText(ref));

describe("the interview plan", () => {
  it("asks every topic as one natural question ending in a question mark", () => {
    const { transcript } = interview(Array(30).fill("skip"));
    const questions = transcript.map((step) => step.question);
    expect(questions).toEqual([
      "What's your name?",
      "Where do you live?",
      "Where did you grow up?",
      "What do you do for work?",
      "Do you have a partner?",
      "Do you have children?",
      "Do you have any brothers or sisters?",
      "What are your parents like?",
      "Do you have any pets?",
      "What do you like to do in your free time?",
      "What's your favourite food?",
      "What kind of music do you like?",
      "What's your favourite book?",
      "What's your favourite film?",
      "What's something you believe in?",
      "What annoys you?",
      "How would you describe the way you talk — formal, playful, warm, brief?",
    ]);
    for (const question of questions) expect(question).toMatch(/^[A-Z][^?]*\?$/);
  });

  it("follows up on the answer: a cat's name, a partner's name, how many children and their names", () => {
    expect(followUpsOf(answer("pets", "I have a cat"))).toEqual(["What's your cat called?"]);
    expect(followUpsOf(answer("pets", "yes, a cat"))).toEqual(["What's your cat called?"]);
    expect(followUpsOf(answer("pets", "two dogs and a rabbit"))).toEqual([
      "What are your dogs called?",
      "What's your rabbit called?",
    ]);
    expect(followUpsOf(answer("pets", "yes"))).toEqual(["What kind of pet do you have?"]);
    expect(followUpsOf(answer("pets", "I have a cat called Tom"))).toEqual([]);
    expect(followUpsOf(answer("partner", "yes, my wife Ana"))).toEqual([]);
    expect(followUpsOf(answer("partner", "I'm married"))).toEqual(["What's your partner's name?"]);
    expect(followUpsOf(answer("partner", "yes"))).toEqual(["What's your partner's name?"]);
    expect(followUpsOf(answer("partner", "yes, a wife"))).toEqual(["What's your wife's name?"]);
    expect(followUpsOf(answer("partner", "no, I'm single"))).toEqual([]);
    expect(followUpsOf(answer("children", "yes"))).toEqual(["How many children do you have?"]);
    expect(followUpsOf(answer("children", "yes, two"))).toEqual(["What are your children's names?"]);
    expect(followUpsOf(answer("children-count", "one"))).toEqual(["What's your child's name?"]);
    expect(followUpsOf(answer("children", "a son and a daughter"))).toEqual([
      "What's your son's name?",
      "What's your daughter's name?",
    ]);
    expect(followUpsOf(answer("siblings", "yes, two sisters"))).toEqual(["What are your sisters' names?"]);
    expect(followUpsOf(answer("work", "I'm a nurse"))).toEqual(["What do you like most about your work?"]);
    expect(followUpsOf(answer("work", "retired"))).toEqual([]);
    expect(followUpsOf(answer("pets", "no"))).toEqual([]);
  });

  it("takes a bare name as the answer to 'do you have a partner / children?', losing nothing", () => {
    const partner = answer("partner", "Pedro");
    expect(factsOf(partner)).toEqual(["My partner is called Pedro."]);
    expect(followUpsOf(partner)).toEqual([]);
    expect(factsOf(answer("children", "Ana and Rui"))).toEqual(["My children are called Ana and Rui."]);
    expect(factsOf(answer("children", "Eva"))).toEqual(["I have a child called Eva."]);
    // A lower-case word is no name: it is read as before.
    expect(factsOf(answer("partner", "maybe"))).toEqual([]);
  });

  it("asks follow-ups before the next topic, and carries on with the topics after them", () => {
    const { transcript } = interview(["Ana", ...Array(7).fill("skip"), "I have a cat", "Tom", "skip"]);
    expect(transcript.map((step) => step.question).slice(8)).toEqual([
      "Do you have any pets?",
      "What's your cat called?",
      "What do you like to do in your free time?",
    ]);
    expect(transcript[9]?.facts).toEqual(["My cat is called Tom."]);
  });

  it("turns answers into first-person facts that read naturally", () => {
    expect(factsOf(answer("home", "Lisbon"))).toEqual(["I live in Lisbon."]);
    expect(factsOf(answer("home", "I live in Lisbon with my wife"))).toEqual([
      "I live in Lisbon with my wife.",
    ]);
    expect(factsOf(answer("home", "near the sea."))).toEqual(["I live near the sea."]);
    expect(factsOf(answer("home", "you live in Porto"))).toEqual(["I live in Porto."]);
    expect(factsOf(answer("childhood-home", "well, Oslo"))).toEqual(["I grew up in Oslo."]);
    expect(factsOf(answer("childhood-home", "a farm in Iowa"))).toEqual(["I grew up on a farm in Iowa."]);
    expect(factsOf(answer("childhood-home", "Here"))).toEqual(["I grew up here."]);
    expect(factsOf(answer("home", "with my parents in Madrid"))).toEqual([
      "I live with my parents in Madrid.",
    ]);
    expect(factsOf(answer("work", "nurse"))).toEqual(["I work as a nurse."]);
    expect(factsOf(answer("work", "an engineer at a shipyard"))).toEqual([
      "I work as an engineer at a shipyard.",
    ]);
    expect(factsOf(answer("work", "teaching"))).toEqual(["I work in teaching."]);
    expect(factsOf(answer("work", "retired"))).toEqual(["I'm retired."]);
    expect(factsOf(answer("work", "Teacher."))).toEqual(["I work as a teacher."]);
    expect(factsOf(answer("work-likes", "the people"))).toEqual([
      "What I like most about my work is the people.",
    ]);
    expect(factsOf(answer("name-of", "Tom", "cat"))).toEqual(["My cat is called Tom."]);
    expect(factsOf(answer("name-of", "she's called Luna", "dog"))).toEqual(["My dog is called Luna."]);
    expect(factsOf(answer("name-of", "maya and leo", "children"))).toEqual([
      "My children are called Maya and Leo.",
    ]);
    expect(factsOf(answer("name-of", "my wife is called Ana", "wife"))).toEqual(["My wife is called Ana."]);
    expect(factsOf(answer("name-of", "your partner is Rui", "partner"))).toEqual(["My partner is Rui."]);
    expect(factsOf(answer("pets", "no"))).toEqual(["I don't have any pets."]);
    expect(factsOf(answer("pets", "nope, but I'd love a dog"))).toEqual([
      "I don't have any pets.",
      "I'd love a dog.",
    ]);
    expect(factsOf(answer("pets", "yes, a cat"))).toEqual(["I have a cat."]);
    expect(factsOf(answer("pets", "cat"))).toEqual(["I have a cat."]);
    expect(factsOf(answer("partner", "married"))).toEqual(["I'm married."]);
    expect(factsOf(answer("partner", "yes, my wife Ana"))).toEqual(["I have a wife called Ana."]);
    expect(factsOf(answer("pets", "my cats Tom and Kit"))).toEqual(["I have cats called Tom and Kit."]);
    expect(factsOf(answer("children", "yes, 2"))).toEqual(["I have two children."]);
    expect(factsOf(answer("siblings", "no, I'm an only child"))).toEqual([
      "I don't have any brothers or sisters.",
      "I'm an only child.",
    ]);
    expect(factsOf(answer("parents", "kind and funny"))).toEqual(["My parents are kind and funny."]);
    expect(factsOf(answer("parents", "they're both teachers"))).toEqual(["My parents are both teachers."]);
    expect(factsOf(answer("parents", "mum is a nurse"))).toEqual(["My mum is a nurse."]);
    expect(factsOf(answer("partner", "yep, my husband"))).toEqual(["I have a husband."]);
    expect(factsOf(answer("partner", "it's complicated"))).toEqual([]);
    expect(factsOf(answer("hobbies", "reading and hiking"))).toEqual([
      "In my free time I like reading and hiking.",
    ]);
    expect(factsOf(answer("hobbies", "play chess"))).toEqual(["In my free time I like to play chess."]);
    expect(factsOf(answer("hobbies", "I play the violin in a quartet"))).toEqual([
      "I play the violin in a quartet.",
    ]);
    expect(factsOf(answer("food", "pad thai"))).toEqual(["My favourite food is pad thai."]);
    expect(factsOf(answer("music", "jazz"))).toEqual(["I like listening to jazz."]);
    expect(factsOf(answer("belief", "kindness"))).toEqual(["I believe in kindness."]);
    expect(factsOf(answer("belief", "people are mostly good"))).toEqual([
      "I believe that people are mostly good.",
    ]);
    expect(factsOf(answer("annoyance", "people who are late"))).toEqual([
      "What annoys me is people who are late.",
    ]);
  });

  it("takes the name without 'I'm', 'my name is' or 'call me', and the speaking style as the persona's style", () => {
    for (const said of ["Ana", "I'm Ana", "my name is ana.", "Call me Ana!", "my friends call me Ana"]) {
      const outcome = answer("name", said);
      expect(outcome.kind === "answered" && outcome.learned).toEqual({
        facts: [],
        replaces: [],
        name: "Ana",
      });
    }
    const style = answer("style", "I'd say I'm warm and a bit playful");
    expect(style.kind === "answered" && style.learned).toEqual({
      facts: [],
      replaces: [],
      style: "warm and a bit playful",
    });
  });

  it("says which fact a detail replaces, so 'I have children' gives way to 'I have two children'", () => {
    const count = answer("children-count", "three");
    expect(count.kind === "answered" && count.learned).toEqual({
      facts: ["I have three children."],
      replaces: ["I have children."],
    });
  });

  it("skips on 'skip', an empty line or 'I don't know' to an open question, and ends on 'stop'", () => {
    expect(answer("home", "skip").kind).toBe("skipped");
    expect(answer("home", "  ").kind).toBe("skipped");
    expect(answer("home", "I don't know").kind).toBe("skipped");
    expect(answer("annoyance", "nothing").kind).toBe("skipped");
    expect(answer("work", "nothing at the moment").kind).toBe("skipped");
    expect(answer("food", "yes").kind).toBe("skipped");
    expect(answer("pets", "no").kind).toBe("answered");
    const { transcript, state } = interview(["Ana", "stop", "Lisbon"]);
    expect(transcript.map((step) => step.question)).toEqual(["What's your name?", "Where do you live?"]);
    expect(nextQuestion(state, knowsNothing).question).toBeUndefined();
  });

  it("refuses an answer when no question was asked, and one too long to keep as a fact", () => {
    expect(() => answerQuestion(startInterview(), "Lisbon")).toThrow(/no question/);
    expect(() => answer("home", "x".repeat(1001))).toThrow(/limit is 1000/);
  });
});

describe("skipping what the twin already knows", () => {
  const twin = (changes: Partial<TwinProfile["persona"]> & { name?: string }): TwinProfile => {
    const base = testTwin();
    const { name, ...persona } = changes;
    return { ...base, name: name ?? base.name, persona: { ...base.persona, ...persona } };
  };

  it("asks the brain before each topic and skips the ones it answers from the twin's own knowledge", () => {
    const knows = knownTo(
      twin({ biography: "", style: "", facts: ["I live in Lisbon.", "I don't have any pets."] }),
      [],
    );
    const { transcript } = interview(Array(30).fill("skip"), knows);
    const questions = transcript.map((step) => step.question);
    expect(questions).not.toContain("Where do you live?");
    expect(questions).not.toContain("Do you have any pets?");
    expect(questions).not.toContain("What's your name?");
    expect(questions).toContain("What's your favourite food?");
    expect(questions).toContain("How would you describe the way you talk — formal, playful, warm, brief?");
  });

  it("skips a topic learned from a memory too", () => {
    const knows = knownTo(twin({ facts: [] }), [
      { id: "mem_1", twinId: "t", text: "My favourite food is ramen.", createdAt: new Date().toISOString() },
    ]);
    expect(knows({ id: "food" }, "What's your favourite food?")).toBe(true);
    expect(knows({ id: "film" }, "What's your favourite film?")).toBe(false);
  });

  it("treats the new twin's placeholder name, biography, style and facts as knowing nothing", () => {
    const fresh = twin({ name: DEFAULT_TWIN.name, ...DEFAULT_TWIN.persona });
    const knows = knownTo(fresh, [], DEFAULT_TWIN);
    const { transcript } = interview(Array(30).fill("skip"), knows);
    expect(transcript).toHaveLength(17);
    const named = knownTo(
      { ...fresh, name: "Ana", persona: { ...fresh.persona, style: "dry" } },
      [],
      DEFAULT_TWIN,
    );
    expect(named({ id: "name" }, "What's your name?")).toBe(true);
    expect(named({ id: "style" }, "How would you describe the way you talk?")).toBe(true);
  });
});
