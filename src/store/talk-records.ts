import type { FaceMotion, Mood } from "../core/face-motion.js";
import type { FaceChoice } from "../core/twin.js";
import type { DriverExpressions } from "../talks/talk-request.js";

/** D-ID's statuses: `created` until a worker takes it, `started` while rendering, then one of the last three. */
export type TalkStatus = "created" | "started" | "done" | "error" | "rejected";

/**
 * What a talk says: text with one of our voices (`voiceId`, `rate`: the local voice chosen for the requested
 * `provider`; `spoke` names it, e.g. `flite:slt`), or an audio file (already stored in the media dir).
 */
export type TalkScript =
  | {
      type: "text";
      input: string;
      voiceId?: string;
      rate?: number;
      spoke?: string;
      provider?: { type: string; voice_id?: string; voice_config?: Record<string, unknown> };
    }
  | { type: "audio"; audioUrl: string; audioFile?: string };

/** Where the face comes from: a stored photo, or a URL still to be fetched (through the SSRF guard) at render time. */
export type TalkSource = { kind: "media"; face: FaceChoice } | { kind: "remote"; url: string };

/** A talk request as accepted, normalised for the worker: it needs nothing from the HTTP request that made it. */
export interface TalkSpec {
  source: TalkSource;
  script: TalkScript;
  webhook?: string;
  userData?: string;
  /**
   * `driverExpressions`: D-ID's `config.driver_expressions` as given (validated), for the mood over the talk;
   * `motion` and `mood` (ours): the twin's face motion and the reply's mood, as the page's face used them.
   */
  config: {
    size: number;
    fps: number;
    driverExpressions?: DriverExpressions;
    motion?: FaceMotion;
    mood?: Mood;
  };
  /** D-ID's `face`: the centre of the face to animate in a photo with several, in the photo's pixels. */
  faceCentre?: [number, number];
  /** This server as the client reached it (or PUBLIC_URL), for the result URL a worker elsewhere reports. */
  baseUrl: string;
  /** A digest of the request body, so a replayed Idempotency-Key with another body is told apart. */
  requestHash: string;
}

export interface TalkError {
  kind: string;
  description: string;
}

export interface TalkRecord {
  id: string;
  status: TalkStatus;
  sourceUrl: string;
  spec: TalkSpec;
  idempotencyKey: string | undefined;
  resultKey: string;
  /** File name of the finished MP4 inside the talks folder of the media dir. */
  resultFile: string | undefined;
  /** Seconds, as D-ID reports it. */
  duration: number | undefined;
  error: TalkError | undefined;
  createdAt: string;
  startedAt: string | undefined;
  modifiedAt: string;
  webhookDeliveredAt: string | undefined;
  /** Share of the render done, 0..1, as last recorded by the worker rendering it (undefined before it starts). */
  progress: number | undefined;
}

export interface NewTalk {
  sourceUrl: string;
  spec: TalkSpec;
  idempotencyKey?: string;
}

export interface TalkRepository {
  /** Creates a talk; with an idempotency key already used, returns the talk it made instead (`created: false`). */
  create(input: NewTalk): Promise<{ talk: TalkRecord; created: boolean }>;
  get(id: string): Promise<TalkRecord | undefined>;
  /** Newest first; `before` is an id to page from. */
  list(options: { limit: number; before?: string }): Promise<TalkRecord[]>;
  delete(id: string): Promise<TalkRecord | undefined>;
  /** created/error/rejected/started → started; false when the talk is gone or already done. */
  markStarted(id: string): Promise<boolean>;
  /** Records render progress (0..1) of a started talk, for pages served by other processes; false otherwise. */
  setProgress(id: string, progress: number): Promise<boolean>;
  /** started → done; false when it was not started (done already, deleted). */
  markDone(id: string, result: { resultFile: string; duration: number }): Promise<boolean>;
  /** Anything but done → error/rejected. */
  markFailed(id: string, status: "error" | "rejected", error: TalkError): Promise<boolean>;
  /** Records the first successful webhook delivery; false when one was already recorded. */
  markWebhookDelivered(id: string): Promise<boolean>;
}
