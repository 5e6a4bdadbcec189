import type { App } from "../app/app.js";
import type { Part } from "../core/parts.js";
import type { ConversationEngine } from "../pipeline/conversation-engine.js";
import { encodeWav } from "../voice/wav.js";
import type { EventHub } from "./event-hub.js";

export const channelOf = (conversationId: string) => `conversation:${conversationId}`;

/**
 * The live side of conversations: one engine per conversation in use, whose states, recorded turns and streamed
 * parts are published to the conversation's SSE channel. The browser sends a message with a POST and hears the reply
 * on the channel.
 */
export class ConversationSessions {
  private readonly engines = new Map<string, Promise<ConversationEngine>>();
  private turnCounter = 0;

  constructor(
    private readonly app: App,
    private readonly hub: EventHub,
  ) {}

  engine(conversationId: string): Promise<ConversationEngine> {
    let engine = this.engines.get(conversationId);
    if (!engine) {
      engine = this.open(conversationId);
      this.engines.set(conversationId, engine);
      engine.catch(() => this.engines.delete(conversationId));
    }
    return engine;
  }

  private async open(conversationId: string): Promise<ConversationEngine> {
    const conversation = await this.app.store.conversations.require(conversationId);
    const twin = await this.app.store.twins.require(conversation.twinId);
    const engine = await this.app.converse(twin, { conversationId });
    const channel = channelOf(conversationId);
    engine.on((event) => {
      if (event.type === "state-change") this.hub.publish(channel, "state", { state: event.to });
      if (event.type === "turn-recorded") {
        this.hub.publish(channel, "turn", { role: event.role, text: event.text, status: event.status });
      }
    });
    return engine;
  }

  /** Starts the twin's answer; resolves once the turn has started (its parts follow on the channel). */
  async send(conversationId: string, text: string): Promise<{ turn: string }> {
    const engine = await this.engine(conversationId);
    const turn = `t${++this.turnCounter}`;
    const handle = await engine.send(text);
    const channel = channelOf(conversationId);
    void (async () => {
      try {
        for await (const part of handle.parts) this.hub.publish(channel, part.type, wire(part, turn));
      } catch (error) {
        this.hub.publish(channel, "turn-error", { turn, error: (error as Error).message });
      }
    })();
    return { turn };
  }

  /**
   * Barge-in from the page. A reply still being written is cut off by the engine; one already written but still
   * being played in the browser is marked interrupted, since the listener did not hear it all.
   */
  async interrupt(conversationId: string): Promise<void> {
    await this.app.store.conversations.require(conversationId);
    const engine = await this.engines.get(conversationId);
    if (engine?.busy) return engine.interrupt();
    if (await this.app.store.conversations.markLastReplyInterrupted(conversationId)) {
      this.hub.publish(channelOf(conversationId), "turn-interrupted", {});
    }
  }

  /** Refreshes engines of a twin whose persona or voice changed, so the next turn uses the new profile. */
  forgetTwin(twinId: string): void {
    for (const [id, engine] of this.engines) {
      void engine.then((each) => {
        if (each.twinId === twinId) this.engines.delete(id);
      });
    }
  }
}

/** A part as JSON for the browser: audio as a base64 WAV, the timeline as is. */
function wire(part: Part, turn: string): Record<string, unknown> {
  if (part.type === "audio-chunk") {
    return { turn, index: part.index, wav: Buffer.from(encodeWav(part.audio)).toString("base64") };
  }
  const { type: _type, ...rest } = part;
  return { turn, ...rest };
}
