import { TEST_KEY } from "./keyed-server.js";

/** What an answer must never carry: the data folder, another absolute path, a memory address, the owner's key. */
export function leaksIn(body: string, dataDir: string): string[] {
  const found: string[] = [];
  if (body.includes(dataDir)) found.push("the data folder");
  if (/(^|[\s"'(=:,[])\/(tmp|home|root|usr|work|var|etc)\//.test(body)) found.push("an absolute path");
  if (/\b0x[0-9a-f]{6,}\b/i.test(body)) found.push("a memory address");
  if (body.includes(TEST_KEY)) found.push("the API key");
  return found;
}
