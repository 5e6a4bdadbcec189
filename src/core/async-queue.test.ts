import { describe, expect, it } from "vitest";
import { AsyncQueue } from "./async-queue.js";

describe("AsyncQueue", () => {
  it("gives items in order to a consumer that waits, then ends", async () => {
    const queue = new AsyncQueue<number>();
    queue.push(1);
    setTimeout(() => {
      queue.push(2);
      queue.end();
    }, 5);
    const seen: number[] = [];
    for await (const item of queue) seen.push(item);
    expect(seen).toEqual([1, 2]);
  });

  it("delivers what was pushed before a failure, then the failure", async () => {
    const queue = new AsyncQueue<string>();
    queue.push("a");
    queue.fail(new Error("broken"));
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of queue) seen.push(item);
      })(),
    ).rejects.toThrow("broken");
    expect(seen).toEqual(["a"]);
  });

  it("is closed, not abandoned, when the consumer stops reading: producers are told and pushes are dropped", async () => {
    const queue = new AsyncQueue<number>();
    const told: string[] = [];
    queue.onClose(() => told.push("closed"));
    queue.push(1);
    queue.push(2);
    for await (const item of queue) {
      if (item === 1) break;
    }
    expect(queue.closed).toBe(true);
    expect(told).toEqual(["closed"]);
    queue.push(3);
    const rest: number[] = [];
    for await (const item of queue) rest.push(item);
    expect(rest).toEqual([]);
    const late: string[] = [];
    queue.onClose(() => late.push("already closed"));
    expect(late).toEqual(["already closed"]);
  });
});
