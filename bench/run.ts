/**
 * `npm run bench`: every suite prints its figures as ratios against a baseline measured in the same run, because
 * these machines are shared and noisy. Suites are listed here in the order they run.
 */
import { avatarSuite } from "./avatar.js";
import { localModelsSuite } from "./local-models.js";
import { spokenSuite } from "./spoken.js";
import type { BenchSuite } from "./suite.js";
import { talksSuite } from "./talks.js";
import { voiceSuite } from "./voice.js";
import { webSuite } from "./web.js";

const suites: BenchSuite[] = [voiceSuite, avatarSuite, localModelsSuite, webSuite, spokenSuite, talksSuite];

const only = process.argv[2];
for (const suite of suites) {
  if (only && !suite.name.includes(only)) continue;
  process.stdout.write(`\n## ${suite.name}\n`);
  await suite.run((line) => process.stdout.write(`${line}\n`));
}
