import { homedir, tmpdir } from "node:os";
import type { Config } from "../config.js";

/** Filesystem roots: a path under one of these in an error is this machine's layout, never the client's business. */
const ROOTS =
  "tmp|home|root|usr|var|etc|opt|proc|sys|dev|mnt|srv|run|snap|nix|work|data|Users|private|Volumes";
/** What may come right before a path in a message (not a host name: a URL's path is the client's own). */
const PATH_START = `[\\s"'(=:,\\[]`;
/** Where a path ends. */
const PATH_END = `(?=[/\\\\\\s"'),\\]]|$)`;
const ABSOLUTE_PATH = new RegExp(
  `(^|${PATH_START})((?:[A-Za-z]:)?[/\\\\](?:${ROOTS})${PATH_END}(?:[/\\\\][^\\s"'),\\]]*)?)`,
  "g",
);
/** Heap addresses as ffmpeg and native code print them (`[wav @ 0x55d4c2a1b2c0]`). */
const ADDRESS = /\b0x[0-9a-f]{6,}\b/gi;

/**
 * What every error body and log line is passed through: the secrets of this install (keys, passwords and tokens in
 * configured URLs) become `[redacted]`, absolute paths become their last part, memory addresses disappear.
 */
export function textScrubber(config: Config): (text: string) => string {
  const secrets = secretsOf(config)
    .filter((secret) => secret.length >= 4)
    .sort((a, b) => b.length - a.length);
  const directories = [config.mediaDir, config.modelsDir, config.dataDir, tmpdir(), homedir(), process.cwd()]
    .filter((directory) => directory.length > 1)
    .sort((a, b) => b.length - a.length)
    .map(
      (directory) => new RegExp(`(^|${PATH_START})${escapeRegExp(directory)}(?=[/\\\\\\s"'),\\]]|$)`, "g"),
    );
  return (text) => {
    let safe = text;
    for (const secret of secrets) safe = safe.split(secret).join("[redacted]");
    for (const directory of directories) safe = safe.replace(directory, "$1…");
    return safe
      .replace(ABSOLUTE_PATH, (_match, before: string, path: string) => `${before}…/${lastPart(path)}`)
      .replace(ADDRESS, "0x…");
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function lastPart(path: string): string {
  return path.split(/[/\\]/).filter(Boolean).at(-1) ?? "";
}

/** Keys, and whatever credentials are written inside configured URLs (user info, query values). */
export function secretsOf(config: Config): string[] {
  const secrets = [config.apiKey, config.openai.apiKey, config.did.apiKey];
  for (const url of [
    config.openai.baseURL,
    config.did.baseURL,
    config.redisUrl,
    config.database.kind === "postgres" ? config.database.url : undefined,
  ]) {
    secrets.push(...urlCredentials(url));
  }
  return secrets.filter((secret): secret is string => Boolean(secret));
}

function urlCredentials(text: string | undefined): string[] {
  if (!text || !URL.canParse(text)) return [];
  const url = new URL(text);
  const found = [url.password, decodeURIComponent(url.password), url.username];
  for (const value of url.searchParams.values()) found.push(value);
  return found.filter(Boolean);
}
