import type { App } from "../app/app.js";
import type { FaceDetect } from "../avatar/node/face-detector.js";
import type { Synthesizer } from "../core/synthesizer.js";
import type { ConversationSessions } from "./conversation-sessions.js";
import type { EventHub } from "./event-hub.js";

/** What route plugins share: the core app, the SSE hub, the live conversations and the server's CPU-heavy helpers. */
export interface ServerContext {
  app: App;
  hub: EventHub;
  sessions: ConversationSessions;
  /** The voice for everything the server says (on its speech thread when it has one, else the app's). */
  speech(): Promise<Synthesizer | undefined>;
  /** Finds the face in a photo (on the face thread unless `faceThread: false`). */
  detectFace: FaceDetect;
}
