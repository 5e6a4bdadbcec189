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
  checkRemote("source_url", sourceUrl, context);
  return { kind: "remote", url: sourceUrl };
}

export async function resolveScript(
  script: TalkRequest["script"],
  context: SourceContext,
): Promise<TalkScript> {
  if (script.type === "text") {
    return {
      type: "text",
      input: script.input,
      voiceId: script.provider?.voice_id,
      provider: script.provider,
    };
  }
  const local = ownPath(script.audio_url, context, AUDIO_PATH);
  if (local) {
    await access(audioPath(context.mediaDir, local)).catch(() => {
      throw new BadInputError("script.audio_url: audio not found (upload it with POST /audios)");
    });
    return { type: "audio", audioUrl: script.audio_url, audioFile: local };
  }
  checkRemote("script.audio_url", script.audio_url, context);
  return { type: "audio", audioUrl: script.audio_url };
}

function ownPath(value: string, context: SourceContext, pattern: RegExp): string | undefined {
  const url = new URL(value);
  if (!context.ownOrigins.includes(url.origin)) return undefined;
  return pattern.exec(url.pathname)?.[1];
}

/** Refuses at once what the fetch would refuse later, so the client hears about it from POST /talks. */
function checkRemote(field: string, value: string, context: SourceContext): void {
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new BadInputError(`${field} must be an http(s) URL or an uploaded file's url`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!context.allowPrivate && (host === "localhost" || (isIP(host) && !isPublicAddress(host)))) {
    throw new BadInputError(`${field} points at a private or loopback address, which talks may not fetch`);
  }
}
