import { afterEach, describe, expect, it } from "vitest";
import { BadInputError, CancelledError, ProviderError } from "../core/errors.js";
import { RequestThread } from "./request-thread.js";
import type { Chore } from "./test-support/chore-thread.js";

const threads: RequestThread<Chore, string>[] = [];
afterEach(async () => {
  await Promise.all(threads.splice(0).map((thread) => thread.close()));
});

function choreThread(answerWithinMs?: number): RequestThread<Chore, string> {
  const thread = new RequestThread<Chore, string>({
    here: import.meta.url,
    module: "test-support/chore-thread",
    name: "the chore thread",
    provider: "chores",
    ...(answerWithinMs === undefined ? {} : { answerWithinMs }),
  });
  threads.push(thread);
  return thread;
}

describe("RequestThread", () => {
  it("answers in order on a thread of its own, and errors keep their class", async () => {
    const thread = choreThread();
    const answers = Promise.all([
      thread.ask({ answer: "first", afterMs: 50 }),
      thread.ask({ answer: "second" }),
    ]);
    await expect(thread.ask({ fail: "no face" })).rejects.toBeInstanceOf(BadInputError);
    expect(await answers).toEqual(["first", "second"]);
    expect(thread.lastThreadId).toBeGreaterThan(0);
  });

  it("stops a thread that hangs, fails what it had as retryable, and starts a new one for the next request", async () => {
    const thread = choreThread(1500);
    const hung = thread.ask({ spin: true });
    const behind = thread.ask({ answer: "queued behind the hung one" });
    const started = Date.now();
    const error = await hung.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).retryable).toBe(true);
    expect((error as Error).message).toContain("the chore thread gave no answer within 2 s");
    await expect(behind).rejects.toBeInstanceOf(ProviderError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const firstThread = thread.lastThreadId;
    expect(await thread.ask({ answer: "after" })).toBe("after");
    expect(thread.lastThreadId).not.toBe(firstThread);
  });

  it("does not take a slow thread that keeps answering for a hung one", async () => {
    const thread = choreThread(1500);
    expect(await thread.ask({ answer: "started" })).toBe("started");
    // Five answers 400 ms apart: 2 s of work in all, longer than the limit, but each answer within it.
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => thread.ask({ answer: `answer ${n}`, afterMs: 400 })),
    );
    expect(answers).toEqual(["answer 1", "answer 2", "answer 3", "answer 4", "answer 5"]);
  });

  it("answers a cancelled request at once, and a closed thread refuses new ones", async () => {
    const thread = choreThread();
    const controller = new AbortController();
    const slow = thread.ask({ answer: "late", afterMs: 2000 }, controller.signal);
    controller.abort();
    await expect(slow).rejects.toBeInstanceOf(CancelledError);
    await thread.close();
    await expect(thread.ask({ answer: "x" })).rejects.toBeInstanceOf(CancelledError);
  });
});
