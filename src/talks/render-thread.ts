import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config.js";
import { transferError } from "../core/error-transfer.js";
import { CancelledError } from "../core/errors.js";
import type { Synthesizer } from "../core/synthesizer.js";
import { LocalAvatarRenderer } from "../providers/local-avatar/local-avatar-renderer.js";
import { selectProvider } from "../providers/select.js";
import type { TalkRecord } from "../store/talk-records.js";
import type { UrlPolicy } from "./guarded-request.js";
import { yieldToLiveTurns } from "./live-turns.js";
import { renderTalkVideo } from "./talk-renderer.js";

/**
 * A render thread: synthesis, frame drawing and encoding of talks, off the server's event loop. It lives as long as
 * its pool, keeping the speech provider and face models it loaded, and renders one talk at a time on request.
 */
export interface RenderThreadData {
  config: Config;
  urlPolicy: UrlPolicy;
  /** LiveTurns.shared of the process that started the thread. */
  liveTurns: Int32Array;
}

/** How much lower a render thread (and its ffmpeg) runs than the server, in nice steps. */
export const RENDER_NICENESS = 10;

export type ToRenderThread = { type: "render"; id: number; talk: TalkRecord } | { type: "abort"; id: number };

export type FromRenderThread =
  | { type: "progress"; id: number; fraction: number }
  | { type: "done"; id: number; result: { resultFile: string; duration: number } }
  | { type: "failed"; id: number; error: ReturnType<typeof transferError> };

const port = parentPort;
if (!port) throw new Error("render-thread.ts runs only as a worker thread");
// Below the event loop's priority: on Linux a thread has a nice value of its own, and ffmpeg, started from this
// thread, inherits it, so with all cores busy the kernel serves the API and live turns first. Refused: no matter.
try {
  setPriority(0, RENDER_NICENESS);
} catch {}
const { config, urlPolicy, liveTurns } = workerData as RenderThreadData;
let speech: Promise<Synthesizer | undefined> | undefined;
const deps = {
  mediaDir: config.mediaDir,
  urlPolicy,
  synthesizer: () => {
    speech ??= selectProvider("speech", config);
    return speech;
  },
  renderer: new LocalAvatarRenderer({ mediaDir: config.mediaDir }),
};
const running = new Map<number, AbortController>();
const send = (message: FromRenderThread) => port.postMessage(message);

port.on("message", (message: ToRenderThread) => {
  if (message.type === "abort") {
    running.get(message.id)?.abort(new CancelledError("the render was stopped"));
    return;
  }
  const { id, talk } = message;
  const controller = new AbortController();
  running.set(id, controller);
  const onProgress = (fraction: number) => {
    send({ type: "progress", id, fraction });
    yieldToLiveTurns(liveTurns);
  };
  renderTalkVideo(deps, talk, controller.signal, onProgress)
    .then(
      (result) => send({ type: "done", id, result }),
      (error: unknown) => send({ type: "failed", id, error: transferError(error) }),
    )
    .finally(() => running.delete(id));
});
