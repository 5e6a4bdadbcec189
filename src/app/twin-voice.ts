import { readFile } from "node:fs/promises";
import type { EncodedAudio } from "../core/audio.js";
import { AitwinError, BadInputError, BusyError, ConfigError, type ErrorKind } from "../core/errors.js";
import type { TwinProfile } from "../core/twin.js";
import { elevenLabsClient } from "../providers/elevenlabs/elevenlabs-candidate.js";
import { cloneVoice } from "../providers/elevenlabs/voice-clone.js";
import { startWorker } from "../system/worker-thread.js";
import { measureVoiceSample } from "../voice/voice-sample.js";
import type { VoiceTuningResult } from "../voice/voice-tuning.js";
import type { App } from "./app.js";
import { measureAndTune, type VoiceTuningJobResult } from "./voice-tuning-worker.js";

export interface TwinVoiceTuning extends VoiceTuningResult {
  twin: TwinProfile;
  /** The voice the twin had before, for a before/after comparison (undefined: the synthesizer's default). */
  before?: string;
}

/** Each tuning keeps a core busy for seconds; one at a time is plenty for one person's twins. */
let tuning = false;

/**
 * Tunes the twin's voice to a recording of the person and keeps it: every place the twin speaks (the page, chat,
 * `say --twin`, talks from the page) reads the twin's voice id. The tuned voice is a flite voice, so the active
 * speech provider must be flite. `offThread` runs the work on a worker thread (the server), else in this process.
 */
export async function tuneTwinVoice(
  app: App,
  twinId: string | undefined,
  sample: EncodedAudio | string,
  options: { offThread?: boolean } = {},
): Promise<TwinVoiceTuning> {
  const twin = await app.twin(twinId);
  const synthesizer = await app.synthesizer();
  const voices = synthesizer ? await synthesizer.voices() : [];
  if (!voices.some((voice) => voice.id === "slt")) {
    throw new BadInputError(
      `a tuned voice is spoken by the local synthesiser (flite), but speech here is ${synthesizer ? `by ${synthesizer.provider}` : "off"}`,
    );
  }
  if (tuning) throw new BusyError("a voice is being tuned already; try again when it is done");
  tuning = true;
  let result: VoiceTuningResult;
  try {
    result =
      options.offThread && typeof sample !== "string" ? await onWorker(sample) : await measureAndTune(sample);
  } finally {
    tuning = false;
  }
  const updated = await app.store.twins.update(twin.id, { voice: { id: result.voice } });
  return { ...result, twin: updated, ...(twin.voice.id !== undefined && { before: twin.voice.id }) };
}

function onWorker(sample: EncodedAudio): Promise<VoiceTuningResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(import.meta.url, "voice-tuning-worker", {
      workerData: { kind: "voice-tuning", sample },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    let settled = false;
    worker.once("message", (message: VoiceTuningJobResult) => {
      settled = true;
      if (message.ok) resolve(message.result);
      else if (message.errorKind) reject(new AitwinError(message.errorKind as ErrorKind, message.message));
      else reject(new Error(message.message));
    });
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the voice tuner stopped (exit code ${code})`));
    });
  });
}

/**
 * Clones the person's voice with ElevenLabs (instant voice cloning, opt-in by ELEVENLABS_API_KEY) and keeps it as the
 * twin's voice, `elevenlabs:<voice_id>`. The sample passes the same checks as for tuning before it leaves the machine.
 */
export async function cloneTwinVoice(
  app: App,
  twinId: string | undefined,
  sample: EncodedAudio | string,
): Promise<{ twin: TwinProfile; voice: string; before?: string }> {
  const twin = await app.twin(twinId);
  if (!app.config.elevenlabs?.apiKey) {
    throw new ConfigError(
      "cloning a voice needs ElevenLabs: set ELEVENLABS_API_KEY (the sample stays here without it)",
    );
  }
  await measureVoiceSample(sample);
  const audio = typeof sample === "string" ? { data: new Uint8Array(await readFile(sample)) } : sample;
  const voice = await cloneVoice(elevenLabsClient(app.config), `${twin.name} (AI Twin)`, audio);
  const updated = await app.store.twins.update(twin.id, { voice: { id: voice } });
  return { twin: updated, voice, ...(twin.voice.id !== undefined && { before: twin.voice.id }) };
}
