/**
 * `npm run bench`: every suite prints its figures as ratios against a baseline measured in the same run, because
 * these machines are shared and noisy. Suites are listed here in the order they run. Each is imported only when it
 * runs: test tooling one suite needs (playwright-core, autocannon) makes every garbage collection in the process
 * dearer, and synthesis, which allocates a fresh WASM memory per run, was measured ~30% slower with it loaded.
 */
import type { BenchSuite } from "./suite.js";

const suites: { name: string; load: () => Promise<BenchSuite> }[] = [
  { name: "voice", load: async () => (await import("./voice.js")).voiceSuite },
  { name: "avatar", load: async () => (await import("./avatar.js")).avatarSuite },
  { name: "local-models", load: async () => (await import("./local-models.js")).localModelsSuite },
  { name: "web", load: async () => (await import("./web.js")).webSuite },
  { name: "face-thread", load: async () => (await import("./photo-contention.js")).photoContentionSuite },
  { name: "spoken", load: async () => (await import("./spoken.js")).spokenSuite },
  { name: "talks", load: async () => (await import("./talks.js")).talksSuite },
  { name: "knowledge", load: async () => (await import("./knowledge.js")).knowledgeSuite },
  { name: "brain", load: async () => (await import("./brain.js")).brainSuite },
  { name: "cli", load: async () => (await import("./cli.js")).cliSuite },
];

const only = process.argv[2];
for (const { name, load } of suites) {
  if (only && !name.includes(only)) continue;
  process.stdout.write(`\n## ${name}\n`);
  const suite = await load();
  await suite.run((line) => process.stdout.write(`${line}\n`));
}
