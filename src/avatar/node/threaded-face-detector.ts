import type { Worker } from "node:worker_threads";
import { RequestThread } from "../../system/request-thread.js";
import type { DetectedFace } from "./face-detector.js";

/**
 * Face landmarking (`detectFace`) on a thread of its own, for the server: finding the face in an uploaded photo takes
 * ~150 ms of CPU (and the first one loads the models), which would otherwise hold the event loop serving the API and
 * the live conversations. The thread starts at the first photo; the same answers and errors (`BadInputError` for no
 * face) as in-process. A thread that dies fails what it had as retryable and the next photo starts a new one.
 */
export class ThreadedFaceDetector {
  private readonly requests = new RequestThread<Uint8Array, DetectedFace>({
    here: import.meta.url,
    module: "face-thread",
    name: "the face thread",
    provider: "face-landmarks",
  });

  /** Landmarks the faces in an (already intaken) photo; a function, so it can be passed where `detectFace` goes. */
  readonly detect = (image: Uint8Array): Promise<DetectedFace> => this.requests.ask(image);

  /** The thread now running, if one is (none before the first photo or after it died). */
  get thread(): Worker | undefined {
    return this.requests.thread;
  }

  /** The thread that answered the last detection (`threadId`), for diagnostics and tests. */
  get lastThreadId(): number | undefined {
    return this.requests.lastThreadId;
  }

  /** Stops the thread; detections still waiting fail as cancelled. */
  close(): Promise<void> {
    return this.requests.close();
  }
}
