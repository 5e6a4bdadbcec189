import { describe, expect, it } from "vitest";
import { runFlite } from "./flite-module.js";
import { createWordPhones } from "./word-phones.js";

describe("word phones", () => {
  it("runs flite's front end only for words it has not seen, with the same phones as a fresh run", async () => {
    const runs: string[] = [];
    const counted = async (args: string[], files?: Map<string, Uint8Array>) => {
      runs.push(new TextDecoder().decode(files?.get("/words.txt")));
      return runFlite([...args, "-o", "none"], files);
    };
    const wordPhones = createWordPhones(counted);
    const first = await wordPhones("The cat sat on the mat.");
    expect(first.map((word) => word.text)).toEqual(["The", "cat", "sat", "on", "the", "mat"]);
    expect(first[1]?.phones).toEqual(["pau", "k", "ae", "t", "pau"]);
    expect(runs).toHaveLength(1);

    const again = await wordPhones("the cat sat on the mat.");
    expect(runs).toHaveLength(1);
    expect(again.slice(1)).toEqual(first.slice(1));

    const more = await wordPhones("The dog sat on the cat.");
    expect(runs).toHaveLength(2);
    // Only the new words went to flite.
    expect(runs[1]?.split(/\n+/).filter(Boolean)).toEqual(["dog", "cat."]);
    const fresh = await createWordPhones(counted)("The dog sat on the cat.");
    expect(more).toEqual(fresh);
  });
});
