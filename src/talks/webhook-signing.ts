import { createHmac, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The install's webhook signing secret lives in the data dir, readable by its owner only. */
export const WEBHOOK_SECRET_FILE = "webhook-secret";

/**
 * This install's signing secret, `whsec_` and 32 random bytes in base64 as Standard Webhooks writes them; made on
 * first use. Workers on other machines sign with the same secret when they share the data dir (or a copy of the file).
 */
export async function webhookSecret(dataDir: string): Promise<string> {
  const path = join(dataDir, WEBHOOK_SECRET_FILE);
  const existing = (await readFile(path, "utf8").catch(() => "")).trim();
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true });
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  try {
    await writeFile(path, `${secret}\n`, { flag: "wx", mode: 0o600 });
    return secret;
  } catch (error) {
    // Another process made it first: use theirs, so every delivery of this install verifies with one secret.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return (await readFile(path, "utf8")).trim();
    throw error;
  }
}

/** `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under the secret's bytes (Standard Webhooks). */
export function webhookSignature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/**
 * The three Standard Webhooks headers. `id` is the same on every retry of one delivery, so a receiver can drop
 * duplicates; the timestamp is each attempt's own, so a receiver can refuse old (replayed) deliveries.
 */
export function signedHeaders(secret: string, id: string, body: string, now = Date.now()) {
  const timestamp = Math.floor(now / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": webhookSignature(secret, id, timestamp, body),
  };
}
