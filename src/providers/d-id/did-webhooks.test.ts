import { describe, expect, it } from "vitest";
import type { DidTalk } from "./did-talk.js";
import { DidWebhooks } from "./did-webhooks.js";

function setup(answers: DidTalk["status"][]) {
  const webhooks = new DidWebhooks();
  const wait = webhooks.expect();
  const gets: string[] = [];
  let settled: DidTalk | undefined;
  void wait.confirmed.then((talk) => {
    settled = talk;
  });
  const bind = () =>
    wait.bind("tlk_1", async (id) => {
      gets.push(id);
      return { id, status: answers[gets.length - 1] ?? "done" };
    });
  const call = (token: string | undefined, body: unknown = { id: "tlk_1", status: "done" }) =>
    webhooks.handle({ waitId: wait.id, token, body });
  return { webhooks, wait, gets, bind, call, settled: () => settled };
}

describe("D-ID webhooks", () => {
  it("refuses unknown talks and wrong or missing tokens without asking D-ID", async () => {
    const { webhooks, wait, gets, bind, call } = setup(["done"]);
    bind();
    expect(await webhooks.handle({ waitId: "nope", token: wait.token, body: {} })).toEqual({
      status: 404,
      body: { error: "no such talk" },
    });
    expect((await call(`${wait.token}x`)).status).toBe(401);
    expect((await call(undefined)).status).toBe(401);
    expect((await call(wait.token.toUpperCase())).status).toBe(401);
    expect(gets).toEqual([]);
  });

  it("takes the status from D-ID, not from the body, and settles once", async () => {
    const { wait, gets, bind, call, settled } = setup(["started", "done"]);
    expect((await call(wait.token)).status).toBe(409); // before D-ID answered POST /talks
    bind();
    expect(await call(wait.token, { id: "tlk_other" })).toEqual({
      status: 400,
      body: { error: "wrong talk id" },
    });
    expect(await call(wait.token)).toEqual({ status: 202, body: { status: "started" } });
    await Promise.resolve();
    expect(settled()).toBeUndefined();
    const [first, duplicate] = await Promise.all([call(wait.token), call(wait.token)]);
    expect(first).toEqual({ status: 200, body: { status: "done" } });
    expect(duplicate).toEqual({ status: 200, body: { status: "already-handled" } });
    expect(await call(wait.token)).toEqual({ status: 200, body: { status: "already-handled" } });
    expect(gets).toEqual(["tlk_1", "tlk_1"]);
    await wait.confirmed;
    expect(settled()).toEqual({ id: "tlk_1", status: "done" });
  });

  it("ignores webhooks for a talk that polling already finished", async () => {
    const { wait, gets, bind, call } = setup(["done"]);
    bind();
    wait.close();
    expect(await call(wait.token)).toEqual({ status: 200, body: { status: "already-handled" } });
    expect((await call("wrong")).status).toBe(401);
    expect(gets).toEqual([]);
  });
});
