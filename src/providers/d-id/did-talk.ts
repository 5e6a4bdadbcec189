/** D-ID's talk object, as `POST /talks`, `GET /talks/{id}` and its webhooks give it (the fields we use). */
export interface DidTalk {
  id: string;
  object?: "talk";
  status: DidTalkStatus;
  created_at?: string;
  started_at?: string;
  result_url?: string;
  /** Seconds of video. */
  duration?: number;
  error?: { kind?: string; description?: string };
  user_data?: string;
}

export type DidTalkStatus = "created" | "started" | "done" | "error" | "rejected";

export function isFinished(talk: DidTalk): boolean {
  return talk.status === "done" || talk.status === "error" || talk.status === "rejected";
}

/** The voice D-ID speaks the text with: one of the text-to-speech providers it hosts. */
export interface DidVoice {
  type: "microsoft" | "elevenlabs" | "amazon";
  voice_id: string;
}

export const DID_DEFAULT_VOICE: DidVoice = { type: "microsoft", voice_id: "en-US-JennyNeural" };

/** `POST /talks` body for a text script, as D-ID documents it. */
export interface DidTalkRequest {
  source_url: string;
  script: { type: "text"; input: string; provider: DidVoice };
  /** `stitch` puts the animated face back into the whole photo instead of a crop. */
  config?: { stitch?: boolean; result_format?: "mp4" };
  webhook?: string;
  user_data?: string;
}
