import { describe, expect, it } from "vitest";
import { displayUrl } from "./display-url.js";

describe("configured URLs as doctor shows them (issue 12, case 6)", () => {
  it("never shows credentials written inside the URL", () => {
    expect(displayUrl("http://bob:hunter2@127.0.0.1:11434/v1?api-key=sk-abc#frag")).toBe(
      "http://127.0.0.1:11434/v1?…",
    );
    expect(displayUrl("https://u:p%40ss@api.d-id.com/")).toBe("https://api.d-id.com");
    expect(displayUrl("https://api.openai.com/v1")).toBe("https://api.openai.com/v1");
    expect(displayUrl("not a url sk-secret")).not.toContain("sk-secret");
  });
});
