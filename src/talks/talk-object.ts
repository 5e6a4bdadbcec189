import type { TalkRecord, TalkScript } from "../store/talk-records.js";

/** Where a finished talk's MP4 is served: unguessable (its random key), so it needs no API key, like D-ID's S3 URLs. */
export function resultUrl(talk: TalkRecord): string {
  return `${talk.spec.baseUrl}/talks/${talk.id}/result/${talk.resultKey}.mp4`;
}

/** A talk as D-ID's API returns it (GET /talks/{id}, the webhook body). */
export function talkObject(talk: TalkRecord): Record<string, unknown> {
  const { spec } = talk;
  const script =
    spec.script.type === "text"
      ? {
          type: "text",
          input: spec.script.input,
          ...(spec.script.provider && { provider: spec.script.provider }),
        }
      : { type: "audio", audio_url: spec.script.audioUrl };
  return {
    id: talk.id,
    object: "talk",
    created_at: talk.createdAt,
    created_by: "aitwin",
    modified_at: talk.modifiedAt,
    status: talk.status,
    source_url: talk.sourceUrl,
    script,
    config: {
      result_format: "mp4",
      size: spec.config.size,
      fps: spec.config.fps,
      ...(spec.config.driverExpressions && { driver_expressions: spec.config.driverExpressions }),
      ...(spec.config.motion && { motion: spec.config.motion }),
      ...(spec.config.mood && { mood: spec.config.mood }),
    },
    ...(spec.script.type === "audio" && { audio_url: spec.script.audioUrl }),
    ...(spec.script.type === "text" && spec.script.spoke !== undefined && { voice: voiceOf(spec.script) }),
    ...(spec.webhook !== undefined && { webhook: spec.webhook }),
    ...(spec.userData !== undefined && { user_data: spec.userData }),
    ...(talk.startedAt !== undefined && { started_at: talk.startedAt }),
    ...(talk.status === "done" && { result_url: resultUrl(talk), duration: talk.duration }),
    ...(talk.error !== undefined && { error: talk.error }),
  };
}

/** Not D-ID's: which voice was asked for and which local voice spoke it (D-ID voices have no local twin here). */
function voiceOf(script: Extract<TalkScript, { type: "text" }>): Record<string, unknown> {
  const { provider } = script;
  return {
    ...(provider && {
      requested: {
        type: provider.type,
        ...(provider.voice_id !== undefined && { voice_id: provider.voice_id }),
      },
    }),
    spoke: script.spoke,
    ...(script.rate !== undefined && { rate: script.rate }),
  };
}
