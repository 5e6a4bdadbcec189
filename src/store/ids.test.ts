import { describe, expect, it } from "vitest";
import { newTwinId, sortableId } from "./ids.js";

describe("ids", () => {
  it("makes short random twin ids", () => {
    const ids = Array.from({ length: 200 }, newTwinId);
    for (const id of ids) expect(id).toMatch(/^tw_[0-9a-hjkmnp-tv-z]{10}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("makes ids that sort in the order they were made, even within one millisecond", () => {
    const ids = Array.from({ length: 5000 }, () => sortableId("mem_"));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^mem_[0-9a-hjkmnp-tv-z]{18}$/);
  });

  it("puts the time first", async () => {
    const before = sortableId("x_");
    await new Promise((resolve) => setTimeout(resolve, 2));
    const after = sortableId("x_");
    expect(after.slice(0, 12) > before.slice(0, 12)).toBe(true);
  });
});
