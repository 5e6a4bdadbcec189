import { lookup } from "node:dns/promises";
import { access } from "node:fs/promises";
import { isIP } from "node:net";
import { BadInputError } from "../core/errors.js";
import type { TalkScript, TalkSource } from "../store/talk-records.js";
import { isPublicAddress } from "./address-policy.js";
import { audioPath, imagePath } from "./talk-media.js";
import type { TalkRequest } from "./talk-request.js";

export interface SourceContext {
  mediaDir: string;
  /** Origins that are this server (the one the client used, PUBLIC_URL): their media URLs are read from disk. */
  ownOrigins: string[];
  allowPrivate: boolean;
}

const IMAGE_PATH = /^\/images\/([0-9a-f]{64})\.jpg$/;
const AUDIO_PATH = /^\/audios\/([0-9a-f]{64})$/;

/** The face of a talk: an image uploaded here (read from disk, never over HTTP), or a URL to fetch at render time. */
export async function resolveSource(sourceUrl: string, context: SourceContext): Promise<TalkSource> {
  const local = ownPath(sourceUrl, context, IMAGE_PATH);
  if (local) {
    await access(imagePath(context.mediaDir, local)).catch(() => {
      throw new BadInputError("source_url: image not found (upload it with POST /images)");
    });
    return { kind: "media", face: { kind: "photo", mediaId: local } };
  }
  await checkRemote("source_url", sourceUrl, context);
  return { kind: "remote", url: sourceUrl };
}

export async function resolveScript(
  script: TalkRequest["script"],
  context: SourceContext,
): Promise<TalkScript> {
  if (script.type === "text") {
    // The voice that speaks it is chosen by the talk service, which knows the synthesizer.
    return { type: "text", input: script.input, provider: script.provider };
  }
  const local = ownPath(script.audio_url, context, AUDIO_PATH);
  if (local) {
    await access(audioPath(context.mediaDir, local)).catch(() => {
      throw new BadInputError("script.audio_url: audio not found (upload it with POST /audios)");
    });
    return { type: "audio", audioUrl: script.audio_url, audioFile: local };
  }
  await checkRemote("script.audio_url", script.audio_url, context);
  return { type: "audio", audioUrl: script.audio_url };
}

function ownPath(value: string, context: SourceContext, pattern: RegExp): string | undefined {
  const url = new URL(value);
  if (!context.ownOrigins.includes(url.origin)) return undefined;
  return pattern.exec(url.pathname)?.[1];
}

/**
 * Refuses at once what the fetch (or the webhook's POST) would refuse later, so the client hears about it from
 * `POST /talks` with a 400 instead of a talk that silently never delivers: only http(s), no credentials, no
 * loopback, private or link-local address, whether written as a literal or reached by the host name's DNS answer.
 * Every connection is checked again when it is made (`guarded-request.ts`), so a name that changes its answer later
 * gains nothing.
 */
export async function checkRemote(
  field: string,
  value: string,
  context: { allowPrivate: boolean },
): Promise<void> {
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new BadInputError(`${field} must be an http(s) URL`);
  }
  if (url.username || url.password)
    throw new BadInputError(`${field} must not carry a user name or password`);
  if (context.allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  const refused = () =>
    new BadInputError(
      `${field} points at a private, loopback or link-local address, which talks may not reach`,
    );
  if (host === "localhost" || host.endsWith(".localhost")) throw refused();
  if (isIP(host)) {
    if (!isPublicAddress(host)) throw refused();
    return;
  }
  // A name that does not resolve now (offline, or not yet published) is left to the fetch: it may be fine later.
  const addresses = await resolveWithin(host, DNS_CHECK_MS);
  if (addresses.some((address) => !isPublicAddress(address))) throw refused();
}

const DNS_CHECK_MS = 2000;

async function resolveWithin(host: string, ms: number): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), ms);
  });
  const answer = lookup(host, { all: true }).then(
    (addresses) => addresses.map((each) => each.address),
    () => [] as string[],
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
