import { lookup } from "node:dns/promises";
import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress } from "../../talks/address-policy.js";
import { type KeyedServer, rawRequest, startKeyedServer, TEST_KEY } from "../test-support/keyed-server.js";

/** A public address written as a literal: accepted without any traffic, since nothing renders in this test. */
const PUBLIC = "93.184.215.14";

describe("webhook URLs are checked at POST /talks (issue 12, case 5)", () => {
  let keyed: KeyedServer;
  const createTalk = async (webhook: string) => {
    const answer = await rawRequest(keyed.port, "POST", "/talks", {
      headers: { authorization: `Basic ${TEST_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        source_url: `http://${PUBLIC}/face.jpg`,
        script: { type: "text", input: "Hello there." },
        webhook,
      }),
    });
    return { status: answer.status, body: JSON.parse(answer.body) as Record<string, unknown> };
  };

  beforeAll(async () => {
    keyed = await startKeyedServer({}, { talks: { inProcessWorker: false } });
  });
  afterAll(async () => keyed?.close());

  it.each([
    "file:///etc/passwd",
    "gopher://example.com/",
    "javascript:alert(1)",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/hook",
    "http://localhost:9/hook",
    "http://api.localhost/hook",
    "http://[::1]/hook",
    "http://[::7f00:1]/hook",
    "http://[::ffff:0:7f00:1]/hook",
    "http://[::ffff:7f00:1]/hook",
    "http://[2002:7f00:1::]/hook",
    "http://[64:ff9b:1::a00:1]/hook",
    "http://0x7f000001/hook",
    "http://2130706433/hook",
    `http://user:password@${PUBLIC}/hook`,
  ])("refuses %s with 400 in D-ID's shape", async (webhook) => {
    const answer = await createTalk(webhook);
    expect(answer.status).toBe(400);
    expect(answer.body.kind).toBe("ValidationError");
    expect(String(answer.body.description)).toMatch(/^webhook/);
  });

  it("refuses a host name whose address is private", async () => {
    const name = hostname();
    const addresses = await lookup(name, { all: true }).catch(() => []);
    if (addresses.length === 0 || addresses.every((each) => isPublicAddress(each.address))) return;
    expect((await createTalk(`http://${name}/hook`)).status).toBe(400);
  });

  it("accepts a public https webhook", async () => {
    const answer = await createTalk(`https://${PUBLIC}/hook`);
    expect(answer.status).toBe(201);
    expect(answer.body.status).toBe("created");
  });
});
