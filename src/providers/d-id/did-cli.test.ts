import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../../cli/test-support/run-cli.js";
import { startFakeOpenAi } from "../openai/test-support/fake-openai.js";
import { DID_KEY } from "./test-support/did-test-fixtures.js";
import { type FakeDid, startFakeDid } from "./test-support/fake-did.js";
import { fakeMp4 } from "./test-support/fake-mp4.js";

const photo = join(import.meta.dirname, "../../../../shared/fixtures/faces/astronaut.png");

describe("aitwin say on D-ID, configured by environment alone", () => {
  let dataDir: string;
  let did: FakeDid;
  beforeEach(async () => {
    dataDir = tempDataDir();
    did = await startFakeDid({ apiKey: DID_KEY });
  });
  afterEach(async () => {
    await did.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("uploads the twin's photo to D-ID, has the text spoken there and stores the finished MP4", async () => {
    const openai = await startFakeOpenAi({ apiKey: "sk-test-say-000000000000" });
    try {
      const env = {
        DID_API_KEY: DID_KEY,
        DID_BASE_URL: did.baseURL,
        OPENAI_API_KEY: "sk-test-say-000000000000",
        OPENAI_BASE_URL: openai.baseURL,
      };
      const output = join(dataDir, "hello.mp4");
      const args = ["say", "--photo", photo, "-o", output, "Hello from the cloud."];
      const result = await runCli(dataDir, args, "", env);
      expect(result.stderr).toBe("");
      expect(result).toMatchObject({ code: 0, stdout: `${output} (2.40 s, 512x512)\n` });
      expect(readFileSync(output)).toEqual(fakeMp4(512, 512));
      // The photo D-ID animates is the one the photo store kept (re-encoded), not a link to a public host.
      const stored = readdirSync(join(dataDir, "media")).find((name) => name.endsWith(".jpg")) ?? "";
      const [uploaded] = [...did.images.values()];
      expect(Buffer.from(uploaded ?? [])).toEqual(readFileSync(join(dataDir, "media", stored)));
      const [talk] = [...did.talks.values()];
      expect(talk?.script.input).toBe("Hello from the cloud.");
      expect(talk?.webhook).toBeUndefined(); // no PUBLIC_URL: polling
      // D-ID voices the text itself: no speech of ours is bought for a talk it renders.
      expect(openai.requests.map((each) => each.path)).toEqual([]);
    } finally {
      await openai.close();
    }
  });
});
