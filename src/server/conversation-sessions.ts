import type { App } from "../app/app.js";
import { ConflictError } from "../core/errors.js";
import type { Part } from "../core/parts.js";
import type { Synthesizer } from "../core/synthesizer.js";
import type { ConversationEngine, EarlyTurn, TurnHandle } from "../pipeline/conversation-engine.js";
import { LiveTurns } from "../talks/live-turns.js";
import { encodeWav } from "../voice/wav.js";
import type { EventHub } from "./event-hub.js";

export const channelOf = (conversationId: string) => `conversation:${conversationId}`;

/** An early turn neither kept nor thrown away by then is thrown away (the page went away mid-sentence). */
export const EARLY_TURN_MS = 30_000;

/** Engines kept for conversations in use; beyond this the least recently used idle one is let go. */
export const MAX_ENGINES = 64;

interface Entry {
  engine: Promise<ConversationEngine>;
  /** The twin changed (persona, voice): the next use opens a fresh engine, once this one's turn has ended. */
  stale: boolean;
}

/**
 * The live side of conversations: one engine per conversation in use, whose states, recorded turns and streamed
 * parts are published to the conversation's SSE channel. The browser sends a message with a POST and hears the reply
 * on the channel.
 */
export class ConversationSessions {
  /** In order of use, least recent first (a Map keeps insertion order; each use re-inserts). */
  private readonly engines = new Map<string, Entry>();
  /** Turns being written and voiced now, which renders in this process wait for. */
  readonly liveTurns = new LiveTurns();
  private lastTurn = 0;
  /** The early turn of each conversation that has one, waiting to be kept or thrown away. */
  private readonly early = new Map<string, { id: string; text: string; turn: EarlyTurn }>();

  constructor(
    private readonly app: App,
    private readonly hub: EventHub,
    private readonly maxEngines = MAX_ENGINES,
    /** The voice for live turns, when not the app's own (ServerOptions.speechThread). */
    private readonly speech?: () => Promise<Synthesizer | undefined>,
  ) {}

  engine(conversationId: string): Promise<ConversationEngine> {
    const entry = this.engines.get(conversationId);
    this.engines.delete(conversationId);
    if (entry && !entry.stale) {
      this.engines.set(conversationId, entry);
      return entry.engine;
    }
    let engine: Promise<ConversationEngine>;
    if (entry) {
      // Never two engines on one conversation: the old one's turn ends (cut off) before the new one opens.
      engine = entry.engine.then(
        (old) => old.interrupt().then(() => this.open(conversationId)),
        () => this.open(conversationId),
      );
    } else engine = this.open(conversationId);
    this.engines.set(conversationId, { engine, stale: false });
    engine.catch(() => {
      if (this.engines.get(conversationId)?.engine === engine) this.engines.delete(conversationId);
    });
    void this.evict();
    return engine;
  }

  /** How many engines are held (for tests and health figures). */
  get size(): number {
    return this.engines.size;
  }

  /** Lets go of the least recently used engines beyond the bound, skipping any with a turn in flight. */
  private async evict(): Promise<void> {
    let excess = this.engines.size - this.maxEngines;
    for (const [id, entry] of this.engines) {
      if (excess <= 0) return;
      const engine = await entry.engine.catch(() => undefined);
      if (engine?.busy || this.engines.get(id) !== entry) continue;
      this.engines.delete(id);
      excess--;
    }
  }

  private async open(conversationId: string): Promise<ConversationEngine> {
    const conversation = await this.app.store.conversations.require(conversationId);
    const twin = await this.app.store.twins.require(conversation.twinId);
    const engine = await this.app.converse(twin, { conversationId, synthesizer: await this.speech?.() });
    const channel = channelOf(conversationId);
    engine.on((event) => {
      if (event.type === "state-change") {
        this.liveTurns.mark(engine, event.to === "thinking" || event.to === "speaking");
        this.hub.publish(channel, "state", { state: event.to });
      }
      if (event.type === "turn-recorded") {
        this.hub.publish(channel, "turn", { role: event.role, text: event.text, status: event.status });
      }
    });
    return engine;
  }

  /** Starts the twin's answer; resolves once the turn has started (its parts follow on the channel). */
  async send(conversationId: string, text: string): Promise<{ turn: string }> {
    const engine = await this.engine(conversationId);
    const handle = await engine.send(text);
    return this.publish(conversationId, handle);
  }

  /**
   * Start early: begins the reply to the words heard at the person's first pause. Nothing of it is recorded or
   * published until `keep`; `discard` (or any other message, or a barge-in) throws it away unheard.
   */
  async prepare(conversationId: string, text: string): Promise<{ early: string }> {
    const engine = await this.engine(conversationId);
    const id = `early${this.nextTurnId().slice(1)}`;
    const turn = await engine.prepare(text);
    this.early.set(conversationId, { id, text, turn });
    const timer = setTimeout(() => void this.discard(conversationId, id), EARLY_TURN_MS);
    timer.unref();
    return { early: id };
  }

  /** The person stayed quiet and said just these words: the early reply becomes the turn, published from now. */
  async keep(conversationId: string, id: string, text: string): Promise<{ turn: string }> {
    await this.app.store.conversations.require(conversationId);
    const entry = this.early.get(conversationId);
    if (entry?.id !== id) throw new ConflictError("that early reply is gone: send the words as a turn");
    this.early.delete(conversationId);
    if (entry.text.trim() !== text.trim()) {
      await entry.turn.discard();
      throw new ConflictError("the early reply was for other words: send the words as a turn");
    }
    const handle = entry.turn.keep();
    if (!handle) throw new ConflictError("that early reply was cut off: send the words as a turn");
    return this.publish(conversationId, handle);
  }

  /** The person went on: the early reply is thrown away, leaving nothing behind. */
  async discard(conversationId: string, id: string): Promise<void> {
    await this.app.store.conversations.require(conversationId);
    const entry = this.early.get(conversationId);
    if (entry?.id !== id) return;
    this.early.delete(conversationId);
    await entry.turn.discard();
  }

  /** Publishes a turn's parts on the conversation's channel under a new turn id. */
  private publish(conversationId: string, handle: TurnHandle): { turn: string } {
    const turn = this.nextTurnId();
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
    const engine = await this.engines.get(conversationId)?.engine.catch(() => undefined);
    if (engine?.busy) return engine.interrupt();
    if (await this.app.store.conversations.markLastReplyInterrupted(conversationId)) {
      this.hub.publish(channelOf(conversationId), "turn-interrupted", {});
    }
  }

  /** Refreshes engines of a twin whose persona or voice changed, so the next turn uses the new profile. */
  forgetTwin(twinId: string): void {
    for (const entry of this.engines.values()) {
      void entry.engine.then(
        (each) => {
          if (each.twinId === twinId) entry.stale = true;
        },
        () => {},
      );
    }
  }

  /**
   * Turn ids increase across restarts too (`t` and a number from the clock): a page that barged in on turn N drops
   * every part of turns up to N, so ids that restarted from 1 would silence the first replies after a restart.
   */
  private nextTurnId(): string {
    this.lastTurn = Math.max(this.lastTurn + 1, Date.now() * 1000);
    return `t${this.lastTurn}`;
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
