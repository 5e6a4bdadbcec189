import { describe, expect, it } from "vitest";
import { parseConfig } from "../config.js";
import { textScrubber } from "./safe-text.js";

describe("the scrubber every error body passes through", () => {
  const config = parseConfig({
    AITWIN_DATA_DIR: "/srv/aitwin-data",
    AITWIN_API_KEY: "owner-key-123",
    OPENAI_API_KEY: "sk-openai-456",
    OPENAI_BASE_URL: "http://bob:hunter2@127.0.0.1:11434/v1?api-key=qk-789",
  });
  const scrub = textScrubber(config);

  it("removes this install's secrets, wherever they appear", () => {
    const text = scrub("keys owner-key-123 sk-openai-456 hunter2 qk-789 in one line");
    for (const secret of ["owner-key-123", "sk-openai-456", "hunter2", "qk-789"])
      expect(text).not.toContain(secret);
  });

  it("shortens absolute paths and drops memory addresses, leaving URL paths alone", () => {
    expect(scrub("photo x is not in /srv/aitwin-data/media")).toBe("photo x is not in …");
    expect(scrub("cannot open /tmp/aitwin-audio-1-2 (denied)")).toBe(
      "cannot open …/aitwin-audio-1-2 (denied)",
    );
    expect(scrub("[wav @ 0x55d4c2a1b2c0] no data")).toBe("[wav @ 0x…] no data");
    expect(scrub("no route GET /api/twins/x")).toBe("no route GET /api/twins/x");
    expect(scrub("source_url http://example.com/tmp/face.jpg failed")).toBe(
      "source_url http://example.com/tmp/face.jpg failed",
    );
  });
});
