import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { learnedNothing, nextInterviewQuestion, saveLearned } from "../../app/twin-interview.js";
import type { TwinProfile } from "../../core/twin.js";
import {
  answerQuestion,
  type InterviewState,
  isAskable,
  type Learned,
  MAX_ANSWER,
  MAX_PENDING,
  startInterview,
} from "../../interview/interview.js";
import { QUESTION_IDS } from "../../interview/interview-plan.js";
import { encodeWav } from "../../voice/wav.js";
import { idParams } from "../id-patterns.js";
import type { ServerContext } from "../server-context.js";
import { parse } from "../validate.js";

/*
 * The interview's state travels with the page: each reply carries it and the next request brings it back. The
 * server keeps nothing between requests, so any `aitwin serve` behind one database can take the next answer, a
 * restart loses no interview, and there is no per-twin memory to bound or expire. The state is only a list of
 * question ids and nouns from a fixed set, validated on the way in; a hand-made one can only pick which of these
 * questions is answered, which the same caller could do with PATCH /api/twins/:id anyway.
 */

const params = idParams;
const question = z
  .object({
    id: z.enum(QUESTION_IDS),
    subject: z
      .string()
      .regex(/^[a-z ]{1,20}$/)
      .optional(),
  })
  .strict()
  .refine(isAskable, "not a question of the interview");
const state = z
  .object({ pending: z.array(question).max(MAX_PENDING), current: question.optional() })
  .strict();
const start = z.object({ speak: z.boolean().optional() }).strict();
const answer = z
  .object({
    answer: z.string().trim().min(1, "must not be empty").max(MAX_ANSWER, `at most ${MAX_ANSWER} characters`),
    state: state.refine((value) => value.current !== undefined, "has no question to answer"),
    speak: z.boolean().optional(),
  })
  .strict();

/** `POST /api/twins/:id/interview` starts; `POST …/interview/answers` learns one answer and asks the next question. */
export function interviewRoutes({ app, sessions, speech: voice }: ServerContext) {
  /** The next question (spoken in the twin's voice when asked to), or `done` when nothing is left to ask. */
  const ask = async (twin: TwinProfile, from: InterviewState, speak: boolean | undefined) => {
    const next = await nextInterviewQuestion(app.store, twin, from);
    if (!next.question) return { question: null, state: null, done: true };
    return {
      question: next.question,
      state: next.state,
      done: false,
      ...(speak && { speech: await speech(twin, next.question) }),
    };
  };

  const speech = async (twin: TwinProfile, text: string) => {
    const synthesizer = await voice();
    if (!synthesizer) return undefined;
    const spoken = await synthesizer.synthesize({ text, voice: twin.voice.id, rate: twin.voice.rate });
    return { wav: Buffer.from(encodeWav(spoken.audio)).toString("base64"), timeline: spoken.timeline };
  };

  return async (server: FastifyInstance) => {
    server.post("/api/twins/:id/interview", async (request) => {
      const { id } = parse(params, request.params, "id");
      const { speak } = parse(start, request.body);
      const twin = await app.store.twins.require(id);
      return { twin, ...(await ask(twin, startInterview(), speak)) };
    });

    server.post("/api/twins/:id/interview/answers", async (request) => {
      const { id } = parse(params, request.params, "id");
      const body = parse(answer, request.body);
      let twin = await app.store.twins.require(id);
      const outcome = answerQuestion(body.state, body.answer);
      let learned: Learned = { facts: [], replaces: [] };
      if (outcome.kind === "answered") {
        const saved = await saveLearned(app.store, id, outcome.learned);
        ({ twin, added: learned } = saved);
        // Conversations open with this twin answer from the new facts from their next turn.
        if (!learnedNothing(learned) || learned.replaces.length) sessions.forgetTwin(id);
      }
      if (outcome.kind === "stopped")
        return { outcome: outcome.kind, learned, twin, question: null, state: null, done: true };
      return { outcome: outcome.kind, learned, twin, ...(await ask(twin, outcome.state, body.speak)) };
    });
  };
}
