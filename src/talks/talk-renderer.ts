import { readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { decodeAudio } from "../audio-input/decode-audio.js";
import { faceNearest } from "../avatar/node/photo-store.js";
import type { AudioClip } from "../core/audio.js";
import { audioDurationMs } from "../core/audio.js";
import type { AvatarRenderer } from "../core/avatar-renderer.js";
import { BadInputError, ProviderError } from "../core/errors.js";
import type { TimedMood } from "../core/face-motion.js";
import type { Speech, Synthesizer } from "../core/synthesizer.js";
import type { FaceChoice } from "../core/twin.js";
import type { TalkRecord } from "../store/talk-records.js";
import { visemesFromAudio } from "../voice/audio-visemes.js";
import { guardedRequest, type UrlPolicy } from "./guarded-request.js";
import {
  audioPath,
  partialResultPath,
  resultName,
  resultsDir,
  storeImage,
  sweepPartialResults,
} from "./talk-media.js";
import type { DriverExpressions } from "./talk-request.js";

export interface TalkRenderDeps {
  mediaDir: string;
  urlPolicy: UrlPolicy;
  synthesizer(): Promise<Synthesizer | undefined>;
  /** The local avatar renderer: a talk is never sent on to a cloud avatar (which might be this very server). */
  renderer: AvatarRenderer;
}

/**
 * One attempt at a talk's video: face and voice from the talk's request, rendered to a partial file that is renamed
 * into place, so the result appears whole or not at all. Leftovers of earlier attempts (a killed worker) go first.
 */
export async function renderTalkVideo(
  deps: TalkRenderDeps,
  talk: TalkRecord,
  signal: AbortSignal,
  onProgress: (fraction: number) => void,
): Promise<{ resultFile: string; duration: number }> {
  const face = await faceOf(deps, talk, signal);
  const speech = await speechOf(deps, talk, signal);
  await sweepPartialResults(deps.mediaDir, talk.id);
  const partial = await partialResultPath(deps.mediaDir, talk.id);
  try {
    const text = talk.spec.script.type === "text" ? talk.spec.script.input : "";
    const { size, fps, driverExpressions, motion, mood } = talk.spec.config;
    const moods = driverExpressions && timedMoods(driverExpressions, fps);
    const video = await deps.renderer.render(
      {
        face,
        text,
        ...speech,
        size,
        fps,
        ...(moods && { moods }),
        ...(motion && { motion }),
        ...(mood && { mood }),
        signal,
        onProgress,
      },
      partial,
    );
    await rename(partial, join(resultsDir(deps.mediaDir), resultName(talk.id)));
    return { resultFile: resultName(talk.id), duration: Math.round(video.durationMs) / 1000 };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** D-ID's driver_expressions in frames, as the renderer's moods in milliseconds. */
function timedMoods(driver: DriverExpressions, fps: number): TimedMood[] {
  const transitionMs = ((driver.transition_frames ?? 20) * 1000) / fps;
  return [...driver.expressions]
    .sort((a, b) => a.start_frame - b.start_frame)
    .map((each) => ({
      startMs: (each.start_frame * 1000) / fps,
      mood: each.expression === "surprise" ? "surprised" : each.expression,
      intensity: each.intensity ?? 1,
      transitionMs,
    }));
}

async function faceOf(deps: TalkRenderDeps, talk: TalkRecord, signal: AbortSignal): Promise<FaceChoice> {
  const { source, faceCentre } = talk.spec;
  let face: FaceChoice;
  if (source.kind === "media") face = source.face;
  else {
    const image = await download(deps.urlPolicy, "source_url", source.url, signal);
    face = { kind: "photo", mediaId: await storeImage(deps.mediaDir, image) };
  }
  if (face.kind !== "photo" || !faceCentre) return face;
  return { ...face, face: await faceNearest(deps.mediaDir, face.mediaId, faceCentre[0], faceCentre[1]) };
}

async function speechOf(deps: TalkRenderDeps, talk: TalkRecord, signal: AbortSignal): Promise<Speech> {
  const { script } = talk.spec;
  if (script.type === "text") {
    const synthesizer = await deps.synthesizer();
    if (!synthesizer) throw new BadInputError("text scripts need a speech provider, and none is available");
    return synthesizer.synthesize({ text: script.input, voice: script.voiceId, rate: script.rate, signal });
  }
  const clip: AudioClip = script.audioFile
    ? await decodeAudio(
        await readFile(audioPath(deps.mediaDir, script.audioFile)).then((data) => ({ data })),
        { signal },
      )
    : await decodeAudio(
        { data: await download(deps.urlPolicy, "script.audio_url", script.audioUrl, signal) },
        { signal },
      );
  // A recording has no phoneme timing: the mouth follows the sound.
  return {
    audio: clip,
    timeline: { duration: audioDurationMs(clip), words: [], visemes: visemesFromAudio(clip) },
  };
}

async function download(policy: UrlPolicy, field: string, url: string, signal: AbortSignal): Promise<Buffer> {
  if (signal.aborted) throw signal.reason;
  const response = await guardedRequest(url, policy).catch((error: unknown) => {
    if (error instanceof BadInputError) throw new BadInputError(`${field}: ${error.message}`);
    throw new ProviderError("fetch", `${field} could not be fetched (${(error as Error).message})`, {
      retryable: true,
    });
  });
  if (response.status >= 200 && response.status < 300) return response.body;
  const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
  const message = `${field} answered HTTP ${response.status}`;
  if (!retryable) throw new BadInputError(message);
  throw new ProviderError("fetch", message, { retryable });
}
