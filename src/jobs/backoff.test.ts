import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";

describe("backoff", () => {
  const policy = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 10_000 };

  it("doubles per attempt, with up to half of it random, and stops at the cap", () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt, () => 0))).toEqual([
      500, 1000, 2000, 4000, 5000,
    ]);
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 10_000,
    ]);
  });

  it("spreads clients that failed together", () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(policy, 3)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(2000);
  });
});
