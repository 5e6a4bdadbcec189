import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/**/*.test.ts"],
    testTimeout: 30_000,
    // Browser and server tests poll for what a person would wait for; a loaded 2-core machine needs more than 1 s.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 60_000,
    // The browser tests set 90 s per test themselves: a page, a server and chromium share two cores.
    pool: "forks",
  },
});
