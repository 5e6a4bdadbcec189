import type { ReplySource } from "../../src/core/chat-model.js";
import type { SpeechTimeline } from "../../src/core/timeline.js";

export interface RecordedTurn {
  role: "user" | "twin";
  text: string;
  status: "complete" | "interrupted" | "error";
}

export interface StreamHandlers {
  state(state: string): void;
  turn(turn: RecordedTurn): void;
  textDelta(text: string): void;
  /** What the coming reply is built from (facts, memories, passages), when the brain can say. */
  sources(sources: ReplySource[]): void;
  /** A sentence of the reply could not be voiced; it is shown but not heard. */
  speechFailed(text: string): void;
  /** One sentence ready to play: its WAV, the timeline the lips follow, and its text when it came first. */
  sentence(wav: ArrayBuffer, timeline: SpeechTimeline, text?: string): void;
  turnEnd(reason: string): void;
  failure(message: string): void;
  connection(open: boolean): void;
}

const RECONNECT_MS = 2000;
const OPEN_WAIT_MS = 3000;

const turnNumber = (turn: unknown) => (typeof turn === "string" ? Number(turn.slice(1)) || 0 : 0);

/**
 * One conversation's server-sent events. EventSource reconnects by itself and sends Last-Event-ID, so the server
 * replays what a dropped connection missed. After a barge-in the parts of the cut-off turn still in flight are
 * dropped here: turn ids increase, so everything up to the highest one seen is stale.
 */
export class ConversationStream {
  private source: EventSource | undefined;
  private staleUpTo = 0;
  private highestSeen = 0;
  private lost = false;
  private readonly stale = new Set<string>();
  private readonly visemes = new Map<string, SpeechTimeline>();
  /** Each sentence's text, by turn and index, until its audio arrives (a question ends with the head tilted). */
  private readonly texts = new Map<string, string>();

  constructor(private readonly handlers: StreamHandlers) {}

  /**
   * Follows `url`; resolves once the stream is connected (or after OPEN_WAIT_MS), so a message sent after it is
   * heard: the server does not replay a new stream's past events.
   */
  open(url: string): Promise<void> {
    this.close();
    const source = new EventSource(url);
    this.source = source;
    const connected = new Promise<void>((resolve) => {
      source.addEventListener("open", () => resolve(), { once: true });
      setTimeout(resolve, OPEN_WAIT_MS);
    });
    source.onopen = () => {
      // A restarted server numbers its turns from 1 again: turns cut off before it went away say nothing now.
      if (this.lost) this.staleUpTo = this.highestSeen = 0;
      this.lost = false;
      this.handlers.connection(true);
    };
    source.onerror = () => {
      this.lost = source.readyState !== EventSource.OPEN;
      this.handlers.connection(!this.lost);
      // EventSource gives up for good on some failures (a proxy's 502): keep trying, as it does for the others.
      if (source.readyState === EventSource.CLOSED && this.source === source) {
        setTimeout(() => this.source === source && void this.open(url), RECONNECT_MS);
      }
    };
    const on = (name: string, handle: (data: Record<string, unknown>) => void) =>
      source.addEventListener(name, (event) => handle(JSON.parse((event as MessageEvent<string>).data)));
    on("state", (data) => this.handlers.state(String(data.state)));
    on("turn", (data) => this.handlers.turn(data as unknown as RecordedTurn));
    on("text-delta", (data) => this.live(data) && this.handlers.textDelta(String(data.text)));
    on("sources-found", (data) => this.live(data) && this.handlers.sources(data.sources as ReplySource[]));
    on("speech-failed", (data) => this.live(data) && this.handlers.speechFailed(String(data.text)));
    on("visemes-ready", (data) => {
      if (this.live(data)) this.visemes.set(`${data.turn}/${data.index}`, data.timeline as SpeechTimeline);
    });
    on("sentence-complete", (data) => {
      if (this.live(data)) this.texts.set(`${data.turn}/${data.index}`, String(data.text));
    });
    on("audio-chunk", (data) => {
      const key = `${data.turn}/${data.index}`;
      const timeline = this.visemes.get(key) ?? { duration: 0, words: [], visemes: [] };
      const text = this.texts.get(key);
      this.visemes.delete(key);
      this.texts.delete(key);
      if (this.live(data)) this.handlers.sentence(base64ToBuffer(String(data.wav)), timeline, text);
    });
    on("turn-end", (data) => this.live(data) && this.handlers.turnEnd(String(data.reason)));
    on("turn-error", (data) => this.live(data) && this.handlers.failure(String(data.error)));
    return connected;
  }

  close(): void {
    this.source?.close();
    this.source = undefined;
  }

  /** Barge-in: nothing more of the turns started so far is played or shown. */
  dropStartedTurns(): void {
    this.staleUpTo = this.highestSeen;
    this.visemes.clear();
  }

  /** A turn the page itself superseded before its first part arrived. */
  drop(turn: string): void {
    this.stale.add(turn);
  }

  private live(data: Record<string, unknown>): boolean {
    const number = turnNumber(data.turn);
    this.highestSeen = Math.max(this.highestSeen, number);
    return number > this.staleUpTo && !this.stale.has(String(data.turn));
  }
}

export function base64ToBuffer(base64: string): ArrayBuffer {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes.buffer;
}
