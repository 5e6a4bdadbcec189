import type { Worker } from "node:worker_threads";
import { receiveError } from "../../core/error-transfer.js";
import { CancelledError, ProviderError } from "../../core/errors.js";
import { startWorker } from "../../system/worker-thread.js";
import type { DetectedFace } from "./face-detector.js";
import type { FromFaceThread, ToFaceThread } from "./face-thread.js";

interface Pending {
  resolve(face: DetectedFace): void;
  reject(error: unknown): void;
}

/**
 * Face landmarking (`detectFace`) on a thread of its own, for the server: finding the face in an uploaded photo takes
 * ~150 ms of CPU (and the first one loads the models), which would otherwise hold the event loop serving the API and
 * the live conversations. The thread starts at the first photo; the same answers and errors (`BadInputError` for no
 * face) as in-process. A thread that dies fails what it had as retryable and the next photo starts a new one.
 */
export class ThreadedFaceDetector {
  private current: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;
  /** The thread that answered the last detection (`threadId`), for diagnostics and tests. */
  lastThreadId: number | undefined;

  /** Landmarks the faces in an (already intaken) photo; a function, so it can be passed where `detectFace` goes. */
  readonly detect = (image: Uint8Array): Promise<DetectedFace> => {
    if (this.closed) return Promise.reject(new CancelledError("the face thread stopped"));
    const id = ++this.nextId;
    return new Promise<DetectedFace>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.started().postMessage({ type: "detect", id, image } satisfies ToFaceThread);
      } catch (error) {
        this.pending.delete(id);
        reject(error);
      }
    });
  };

  /** The thread now running, if one is (none before the first photo or after it died). */
  get thread(): Worker | undefined {
    return this.current;
  }

  /** Stops the thread; detections still waiting fail as cancelled. */
  async close(): Promise<void> {
    this.closed = true;
    const thread = this.current;
    this.current = undefined;
    this.failAll(new CancelledError("the face thread stopped"));
    await thread?.terminate();
  }

  private started(): Worker {
    if (this.current) return this.current;
    const thread = startWorker(import.meta.url, "face-thread");
    // Never what keeps a process alive: a CLI or test that forgets close() still exits.
    thread.unref();
    thread.on("message", (message: FromFaceThread) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.type === "detected") {
        this.lastThreadId = message.threadId;
        pending.resolve(message.face);
      } else pending.reject(receiveError(message.error));
    });
    const lost = (why: string) => {
      if (this.current !== thread) return;
      this.current = undefined;
      this.failAll(new ProviderError("face-landmarks", why, { retryable: true }));
    };
    thread.on("error", (error) => lost(`the face thread failed (${error.message})`));
    thread.on("exit", (code) => lost(`the face thread stopped (exit code ${code})`));
    this.current = thread;
    return thread;
  }

  private failAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const pending of waiting) pending.reject(error);
  }
}
