import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ASTRONAUT_PHOTO } from "../../avatar/node/test-support/fixtures.js";
import { decodeGreyFrames, probe } from "../../providers/local-avatar/test-support/mp4-inspection.js";
import { runCli, tempDataDir } from "../test-support/run-cli.js";

describe("aitwin say", () => {
  it("speaks with the photo's face into an H.264 + AAC MP4 whose streams agree within a frame", async () => {
    const dataDir = tempDataDir();
    const output = join(dataDir, "t.mp4");
    const result = await runCli(dataDir, [
      "say",
      "Hello, I am your twin.",
      "--photo",
      ASTRONAUT_PHOTO,
      "-o",
      output,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("512x512");
    const { streams } = await probe(output);
    const [video, audio] = ["video", "audio"].map((type) => streams.find((each) => each.codec_type === type));
    expect(video?.codec_name).toBe("h264");
    expect(audio?.codec_name).toBe("aac");
    expect(Math.abs(Number(video?.duration) - Number(audio?.duration))).toBeLessThanOrEqual(1 / 25);
    expect((await decodeGreyFrames(output, 512, 512)).length).toBeGreaterThan(25);
  });

  it("renders the illustrated look when no photo is given", async () => {
    const dataDir = tempDataDir();
    const output = join(dataDir, "i.mp4");
    const result = await runCli(dataDir, ["say", "Hi.", "--look", "meadow", "--size", "128", "-o", output]);
    expect(result.code).toBe(0);
    expect((await probe(output)).streams.map((each) => each.codec_name).sort()).toEqual(["aac", "h264"]);
  });

  it("fails with one clear line for a photo without a face, and for conflicting options", async () => {
    const dataDir = tempDataDir();
    const notPhoto = join(dataDir, "notes.txt");
    writeFileSync(notPhoto, "not a photo at all");
    const bad = await runCli(dataDir, ["say", "Hi.", "--photo", notPhoto, "-o", join(dataDir, "x.mp4")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("aitwin: the file is not an image (expected a PNG, JPEG or WebP photo)\n");
    const both = await runCli(dataDir, ["say", "Hi.", "--photo", notPhoto, "--twin", "x", "-o", "x.mp4"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/either --photo or --twin/);
  });
});
