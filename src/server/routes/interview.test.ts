import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app/app.js";
import { decodeWav } from "../../voice/wav.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

describe("the interview API", { timeout: 30_000 }, () => {
  let site: TestServer;
  let app: App;
  let server: FastifyInstance;

  beforeAll(async () => {
    site = await startTestServer();
    ({ app, server } = site);
  });
  afterAll(() => site?.close());

  const post = async (url: string, payload?: unknown) => {
    const response = await server.inject({ method: "POST", url, payload: payload as object });
    return { status: response.statusCode, body: response.json() };
  };

  it("asks, learns each answer on the twin, follows up, and ends on stop", async () => {
    const started = await post("/api/twins/default/interview", {});
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ question: "What's your name?", done: false });

    const named = await post("/api/twins/default/interview/answers", {
      answer: "I'm Ana",
      state: started.body.state,
    });
    expect(named.body).toMatchObject({
      outcome: "answered",
      learned: { facts: [], name: "Ana" },
      twin: { name: "Ana" },
      question: "Where do you live?",
    });

    const home = await post("/api/twins/default/interview/answers", {
      answer: "Lisbon",
      state: named.body.state,
    });
    expect(home.body.learned.facts).toEqual(["I live in Lisbon."]);
    expect(home.body.twin.persona.facts).toContain("I live in Lisbon.");
    expect((await app.store.twins.require("default")).persona.facts).toContain("I live in Lisbon.");

    let state = home.body.state;
    let reply = home.body;
    while (reply.question !== "Do you have any pets?") {
      reply = (await post("/api/twins/default/interview/answers", { answer: "skip", state })).body;
      expect(reply.outcome).toBe("skipped");
      state = reply.state;
    }
    const pets = await post("/api/twins/default/interview/answers", { answer: "yes, a cat", state });
    expect(pets.body).toMatchObject({
      learned: { facts: ["I have a cat."] },
      question: "What's your cat called?",
    });
    const cat = await post("/api/twins/default/interview/answers", { answer: "Tom", state: pets.body.state });
    expect(cat.body.learned.facts).toEqual(["My cat is called Tom."]);

    const stopped = await post("/api/twins/default/interview/answers", {
      answer: "stop",
      state: cat.body.state,
    });
    expect(stopped.body).toMatchObject({ outcome: "stopped", question: null, state: null, done: true });

    const again = await post("/api/twins/default/interview", {});
    expect(again.body.question).toBe("Where did you grow up?");
  });

  it("speaks the question in the twin's voice when asked to", async () => {
    const started = await post("/api/twins/default/interview", { speak: true });
    expect(started.body.question).toMatch(/\?$/);
    const clip = decodeWav(Buffer.from(started.body.speech.wav, "base64"));
    expect(clip.samples.length / clip.sampleRate).toBeGreaterThan(0.5);
    expect(started.body.speech.timeline.visemes.length).toBeGreaterThan(3);
  });

  it("refuses bad input with a 4xx and a message", async () => {
    const { state } = (await post("/api/twins/default/interview", {})).body;
    const cases: [string, unknown, number, RegExp][] = [
      ["/api/twins/ghost/interview", {}, 404, /ghost/],
      ["/api/twins/default/interview/answers", { answer: "  ", state }, 400, /answer: must not be empty/],
      [
        "/api/twins/default/interview/answers",
        { answer: "x".repeat(1001), state },
        400,
        /answer: at most 1000/,
      ],
      ["/api/twins/default/interview/answers", { answer: "Lisbon" }, 400, /state/],
      [
        "/api/twins/default/interview/answers",
        { answer: "Lisbon", state: { pending: [] } },
        400,
        /no question/,
      ],
      [
        "/api/twins/default/interview/answers",
        { answer: "Tom", state: { pending: [], current: { id: "name-of", subject: "unicorn" } } },
        400,
        /not a question/,
      ],
      [
        "/api/twins/default/interview/answers",
        { answer: "Tom", state: { pending: [], current: { id: "secrets" } } },
        400,
        /state\.current\.id/,
      ],
      ["/api/twins/default/interview", { speak: "yes" }, 400, /speak/],
    ];
    for (const [url, payload, status, message] of cases) {
      const response = await post(url, payload);
      expect({ url, status: response.status }).toEqual({ url, status });
      expect(response.body.error).toMatch(message);
    }
  });
});
