import { type ChildProcessByStdio, spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { findOnPath } from "../system/find-on-path.js";
import { SPEECH_SAMPLE_RATE } from "./decode-audio.js";

/** A command-line recorder that writes raw 16 kHz mono 16-bit PCM to stdout until killed. */
export interface Recorder {
  name: "rec" | "arecord";
  path: string;
  args: string[];
}

const rate = String(SPEECH_SAMPLE_RATE);
const RECORDERS: { name: Recorder["name"]; args: string[] }[] = [
  // sox's `rec` reads the default device of whatever sound system is there (ALSA, PulseAudio, CoreAudio).
  { name: "rec", args: ["-q", "-t", "raw", "-r", rate, "-c", "1", "-b", "16", "-e", "signed-integer", "-"] },
  { name: "arecord", args: ["-q", "-t", "raw", "-f", "S16_LE", "-r", rate, "-c", "1"] },
];

/** The first recorder installed (sox `rec`, then ALSA `arecord`); undefined when neither is. */
export function findRecorder(path?: string): Recorder | undefined {
  for (const recorder of RECORDERS) {
    const found = findOnPath(recorder.name, path);
    if (found) return { name: recorder.name, path: found, args: recorder.args };
  }
  return undefined;
}

export type RecorderProcess = ChildProcessByStdio<null, Readable, Readable>;

/** Starts recording; the signal stops it. Errors (no sound device) surface when its stdout ends. */
export function startRecorder(recorder: Recorder, signal?: AbortSignal): RecorderProcess {
  return spawn(recorder.path, recorder.args, {
    stdio: ["ignore", "pipe", "pipe"],
    signal,
    killSignal: "SIGTERM",
  });
}
