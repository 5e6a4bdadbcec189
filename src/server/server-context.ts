import type { App } from "../app/app.js";
import type { ConversationSessions } from "./conversation-sessions.js";
import type { EventHub } from "./event-hub.js";

/** What route plugins share: the core app, the SSE hub and the live conversations. */
export interface ServerContext {
  app: App;
  hub: EventHub;
  sessions: ConversationSessions;
}
