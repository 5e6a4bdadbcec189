import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AvatarRenderer, RenderedVideo, RenderRequest } from "../../core/avatar-renderer.js";
import { BadInputError, NotFoundError, throwIfAborted } from "../../core/errors.js";
import type { FaceChoice } from "../../core/twin.js";
import { DidClient, type DidClientOptions } from "./did-client.js";
import { talkFailure } from "./did-errors.js";
import { DID_DEFAULT_VOICE, type DidVoice } from "./did-talk.js";
import { DidWebhooks, type TalkWait } from "./did-webhooks.js";
import { mp4VideoSize } from "./mp4-video-size.js";
import { downloadResult } from "./result-download.js";
import { type PollingOptions, waitForTalk } from "./talk-waiter.js";
import { WebhookListener } from "./webhook-listener.js";

export interface DidRendererOptions extends DidClientOptions {
  /** Where D-ID can reach us (PUBLIC_URL); talks then carry a webhook. Without it, polling alone. */
  publicUrl?: string;
  /** Where talks wait for their webhook: the server's, when it serves them (else one of its own). */
  webhooks?: DidWebhooks;
  /** Serve the webhook route here while talks are out, unless a server has mounted it; false: never. */
  listen?: { host: string; port: number } | false;
  /** Where photos live (`<mediaId>.jpg`, as the photo store keeps them). */
  mediaDir?: string;
  voice?: DidVoice;
  /** Polling pauses; a webhook, when configured, usually ends them early. */
  polling?: PollingOptions;
}

const PROGRESS = { created: 0.1, started: 0.5, done: 1, error: 1, rejected: 1 } as const;

/** Talking-head videos by D-ID's `/talks`: the photo uploaded to D-ID, the text spoken by one of its voices. */
export function createDidRenderer(options: DidRendererOptions = {}): AvatarRenderer {
  const client = new DidClient(options);
  const webhooks = options.webhooks ?? new DidWebhooks();
  const listener = options.listen ? new WebhookListener(webhooks, options.listen) : undefined;
  const uploads = new Map<string, Promise<string>>();
  const voice = options.voice ?? DID_DEFAULT_VOICE;

  async function sourceUrl(face: FaceChoice, signal?: AbortSignal): Promise<string> {
    if (face.kind !== "photo") throw new BadInputError("d-id animates photos: give the twin a photo first");
    const cached = uploads.get(face.mediaId);
    if (cached) return cached;
    const path = join(options.mediaDir ?? ".", `${face.mediaId}.jpg`);
    const upload = readFile(path)
      .catch(() => {
        throw new NotFoundError(`photo ${face.mediaId} is not in the media dir`);
      })
      .then((bytes) => client.uploadImage(bytes, "photo.jpg", signal))
      .then((image) => image.url);
    // A failed upload is forgotten so the next render tries again.
    upload.catch(() => uploads.delete(face.mediaId));
    uploads.set(face.mediaId, upload);
    return upload;
  }

  /** A twin's ElevenLabs voice (cloned or chosen) goes to D-ID as its ElevenLabs provider; others get the configured one. */
  const voiceFor = (twinVoice: string | undefined): DidVoice =>
    twinVoice?.startsWith("elevenlabs:")
      ? { type: "elevenlabs", voice_id: twinVoice.slice("elevenlabs:".length) }
      : voice;

  return {
    provider: "d-id",
    modelId: `talks/${voice.type}:${voice.voice_id}`,
    speaksText: true,
    canRender: (face) => face.kind === "photo",
    async render(request: RenderRequest, outputPath: string): Promise<RenderedVideo> {
      const text = request.text.trim();
      if (!text) throw new BadInputError("the talk has no text");
      const source = await sourceUrl(request.face, request.signal);
      throwIfAborted(request.signal);
      let wait: TalkWait | undefined;
      let listening = false;
      if (options.publicUrl) {
        wait = webhooks.expect();
        if (listener && !webhooks.mounted) {
          // A taken port is fine (another process may serve it): polling still finishes the talk.
          await listener.acquire();
          listening = true;
        }
      }
      try {
        const talk = await client.createTalk(
          {
            source_url: source,
            script: { type: "text", input: text, provider: voiceFor(request.voice) },
            config: { stitch: true },
            ...(wait ? { webhook: `${options.publicUrl?.replace(/\/+$/, "")}${wait.path}` } : {}),
          },
          request.signal,
        );
        request.onProgress?.(PROGRESS.created);
        wait?.bind(talk.id, (id) => client.getTalk(id));
        const finished = await waitForTalk(talk.id, {
          // With a webhook coming, polling is only the safety net: slower, so it costs few requests.
          ...(wait ? { firstDelayMs: 10_000, maxDelayMs: 60_000, factor: 2 } : {}),
          ...options.polling,
          getTalk: (id) => client.getTalk(id, request.signal),
          confirmed: wait?.confirmed,
          onStatus: (status) => request.onProgress?.(PROGRESS[status]),
          signal: request.signal,
        });
        wait?.close();
        if (finished.status !== "done" || !finished.result_url) throw talkFailure(finished);
        const bytes = await downloadResult(finished.result_url, outputPath, {
          fetch: options.fetch,
          sleep: options.sleep,
          signal: request.signal,
        });
        const size = mp4VideoSize(bytes) ?? { width: request.size, height: request.size };
        const durationMs = Math.round((finished.duration ?? request.timeline.duration / 1000) * 1000);
        return { path: outputPath, durationMs, ...size };
      } finally {
        wait?.close();
        if (listening) await listener?.release();
      }
    },
  };
}
