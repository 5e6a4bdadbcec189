import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { signedHeaders, WEBHOOK_SECRET_FILE, webhookSecret, webhookSignature } from "./webhook-signing.js";

describe("Standard Webhooks signatures", () => {
  it("matches the specification's published example", () => {
    // From the Standard Webhooks specification's reference libraries.
    const signature = webhookSignature(
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "msg_p5jXN8AQM9LWM0D4loKWxJek",
      1614265330,
      '{"test": 2432232314}',
    );
    expect(signature).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("signs each attempt with its own timestamp and the delivery's one id", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const first = signedHeaders(secret, "webhook.tlk_1.done", "{}", 1_000_000_000_000);
    const retry = signedHeaders(secret, "webhook.tlk_1.done", "{}", 1_000_000_060_000);
    expect(retry["webhook-id"]).toBe(first["webhook-id"]);
    expect(Number(retry["webhook-timestamp"]) - Number(first["webhook-timestamp"])).toBe(60);
    expect(retry["webhook-signature"]).not.toBe(first["webhook-signature"]);
  });

  it("keeps one secret per install, in a file only its owner can read", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "aitwin-secret-"));
    try {
      const [a, b] = await Promise.all([webhookSecret(dataDir), webhookSecret(dataDir)]);
      expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(b).toBe(a);
      expect(await webhookSecret(dataDir)).toBe(a);
      expect(statSync(join(dataDir, WEBHOOK_SECRET_FILE)).mode & 0o077).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
