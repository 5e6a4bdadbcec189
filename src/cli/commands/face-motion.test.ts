import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeGreyFrames, largestChange } from "../../providers/local-avatar/test-support/mp4-inspection.js";
import { runCli, tempDataDir } from "../test-support/run-cli.js";

/** Per-twin face motion from the command line: `twin edit` keeps it, `say` uses it, flags override it. */
describe("aitwin face motion flags", () => {
  it("keeps a twin's mood and controls, and refuses bad values with one line", async () => {
    const dataDir = tempDataDir();
    const edited = await runCli(dataDir, ["twin", "edit", "--mood", "happy", "--blink-rate", "0.5"]);
    expect(edited.code).toBe(0);
    await runCli(dataDir, ["twin", "edit", "--stillness", "1"]);
    const shown = JSON.parse((await runCli(dataDir, ["twin", "show", "--json"])).stdout);
    expect(shown.motion).toEqual({ mood: "happy", blinkRate: 0.5, stillness: 1 });

    for (const [flag, value, message] of [
      ["--blink-rate", "3", /--blink-rate: blinkRate must be a number from 0 to 2/],
      ["--mood", "angry", /--mood: mood must be one of neutral, happy, serious, surprised/],
      ["--stillness", "lots", /--stillness must be a number/],
    ] as const) {
      const refused = await runCli(dataDir, ["twin", "edit", flag, value]);
      expect(refused.code, `${flag} ${value}`).toBe(2);
      expect(refused.stderr.trim().split("\n")).toHaveLength(1);
      expect(refused.stderr).toMatch(message);
    }
  });

  it("renders a head that keeps still with no head motion, blinks or gestures, and moves by default", async () => {
    const dataDir = tempDataDir();
    const size = 128;
    const render = async (name: string, flags: string[]) => {
      const output = join(dataDir, `${name}.mp4`);
      const result = await runCli(dataDir, [
        "say",
        "Well, I really do love the sea. Do you?",
        "--look",
        "sunny",
        "--size",
        String(size),
        ...flags,
        "-o",
        output,
      ]);
      expect(result.code, result.stderr).toBe(0);
      return decodeGreyFrames(output, size, size);
    };
    // The band above the eyes: hair and forehead move only with the head (and brows with gestures).
    const band = { x: 0, y: Math.round(size * 0.1), width: size, height: Math.round(size * 0.2) };
    const still = await render("still", ["--head-motion", "0", "--expressiveness", "0", "--blink-rate", "0"]);
    const lively = await render("lively", []);
    expect(largestChange(still, size, band), "still head").toBeLessThan(1);
    expect(largestChange(lively, size, band), "default head").toBeGreaterThan(3);
  }, 60_000);
});
