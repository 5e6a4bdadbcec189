import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEvents, type SseEvent } from "../test-support/sse-client.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

/** Start early over HTTP: a reply begun at the first pause, kept or thrown away. */
describe("early turns", () => {
  let site: TestServer;
  let base: string;

  beforeAll(async () => {
    site = await startTestServer({ listen: true });
    base = site.base as string;
  });
  afterAll(() => site?.close());

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const newConversation = async () =>
    (await api("POST", "/api/twins/default/conversations")).body.id as string;
  const turnsOf = async (id: string) =>
    (await api("GET", `/api/conversations/${id}`)).body.turns as { role: string; text: string }[];
  /**
   * Everything the page would hear and see of one turn, without the per-turn ids, kind by kind in order: a kept
   * early reply has its audio ready sooner, so its kinds interleave differently.
   */
  const heard = (events: SseEvent[]) =>
    events
      .map((event) => {
        const { turn: _turn, ...data } = event.data as Record<string, unknown>;
        return `${event.event} ${JSON.stringify(data)}`;
      })
      .sort((a, b) => a.split(" ")[0]?.localeCompare(b.split(" ")[0] ?? "") ?? 0);

  it("kept, is one turn with the reply a plain turn gets, published only once kept", async () => {
    const early = await newConversation();
    const question = "Who are you?";
    const seen = await readEvents(
      `${base}/api/conversations/${early}/events`,
      (event) => event.event === "turn-end",
      {
        onOpen: async () => {
          const prepared = await api("POST", `/api/conversations/${early}/early-turns`, { text: question });
          expect(prepared.status).toBe(202);
          // The reply is written and voiced meanwhile; nothing of it is recorded yet.
          await new Promise((resolve) => setTimeout(resolve, 300));
          expect(await turnsOf(early)).toEqual([]);
          const kept = await api("POST", `/api/conversations/${early}/early-turns/${prepared.body.early}`, {
            text: question,
          });
          expect(kept.status).toBe(202);
          expect(kept.body.turn).toMatch(/^t\d+$/);
        },
      },
    );
    const plain = await newConversation();
    const plainSeen = await readEvents(
      `${base}/api/conversations/${plain}/events`,
      (event) => event.event === "turn-end",
      {
        onOpen: async () => void (await api("POST", `/api/conversations/${plain}/turns`, { text: question })),
      },
    );
    expect(heard(seen)).toEqual(heard(plainSeen));
    expect(seen.map((event) => event.event)).toContain("audio-chunk");
    expect((await turnsOf(early)).map((turn) => [turn.role, turn.text])).toEqual(
      (await turnsOf(plain)).map((turn) => [turn.role, turn.text]),
    );
  });

  it("thrown away, records and publishes nothing, and the full words then run as a normal turn", async () => {
    const id = await newConversation();
    const seen = await readEvents(
      `${base}/api/conversations/${id}/events`,
      (event) => event.event === "turn-end",
      {
        onOpen: async () => {
          const prepared = await api("POST", `/api/conversations/${id}/early-turns`, {
            text: "Remember that my favourite colour is",
          });
          await new Promise((resolve) => setTimeout(resolve, 200));
          const path = `/api/conversations/${id}/early-turns/${prepared.body.early}`;
          expect((await api("DELETE", path)).status).toBe(204);
          // Gone: keeping it now is refused, so the page sends the words as a turn.
          expect((await api("POST", path, { text: "Remember that my favourite colour is" })).status).toBe(
            409,
          );
          expect(await turnsOf(id)).toEqual([]);
          const memories = (await api("GET", "/api/twins/default/memories")).body.memories as {
            text: string;
          }[];
          expect(memories.map((memory) => memory.text).join(" ")).not.toMatch(/colou?r/i);
          await api("POST", `/api/conversations/${id}/turns`, { text: "Who are you and where do you live?" });
        },
      },
    );
    const turns = await turnsOf(id);
    expect(turns.map((turn) => turn.role)).toEqual(["user", "twin"]);
    expect(turns[0]?.text).toBe("Who are you and where do you live?");
    // Only the normal turn's parts reached the page: one turn id, one turn-end.
    expect(new Set(seen.map((event) => (event.data as { turn?: string }).turn).filter(Boolean)).size).toBe(1);
    expect(seen.filter((event) => event.event === "turn-end")).toHaveLength(1);
  });

  it("refuses keeping an early reply for other words, and unknown conversations", async () => {
    const id = await newConversation();
    const prepared = await api("POST", `/api/conversations/${id}/early-turns`, { text: "Who are you?" });
    const path = `/api/conversations/${id}/early-turns/${prepared.body.early}`;
    expect((await api("POST", path, { text: "Who are you really?" })).status).toBe(409);
    expect(await turnsOf(id)).toEqual([]);
    expect((await api("POST", "/api/conversations/conv_nope/early-turns", { text: "hi" })).status).toBe(404);
    expect(
      (await api("POST", "/api/conversations/conv_nope/early-turns/early1", { text: "hi" })).status,
    ).toBe(404);
    expect((await api("POST", `/api/conversations/${id}/early-turns`, { text: " " })).status).toBe(400);
  });
});
