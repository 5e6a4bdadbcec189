import { parseMemoryCommand } from "../brain/memory-commands.js";
import { think } from "../brain/twin-mind.js";
import { AsyncQueue } from "../core/async-queue.js";
import type { ChatMessage, ChatModel, ReplySource } from "../core/chat-model.js";
import { BadInputError, CancelledError, isCancelled } from "../core/errors.js";
import type { Part, TurnEndReason } from "../core/parts.js";
import type { Synthesizer } from "../core/synthesizer.js";
import type { TwinProfile } from "../core/twin.js";
import type { KnowledgeRepository } from "../store/knowledge-records.js";
import type { ConversationRepository, MemoryRepository, TurnStatus } from "../store/store.js";
import { bufferStage, compose, sentenceStage, textParts, voiceStage } from "./stages.js";
import { type StateChange, type TurnState, TurnStateMachine } from "./turn-state.js";

/** The longest message the twin accepts in one turn. */
export const MAX_MESSAGE_LENGTH = 4000;

export interface ConversationEngineOptions {
  twin: TwinProfile;
  conversationId: string;
  brain: ChatModel;
  memories: MemoryRepository;
  /** The twin's imported documents, searched for passages that match each message. */
  knowledge: KnowledgeRepository;
  conversations: ConversationRepository;
  /** When absent the twin answers in text only. */
  synthesizer?: Synthesizer;
  /** How many earlier turns the brain sees. */
  historyTurns?: number;
}

export type EngineEvent =
  | ({ type: "state-change" } & StateChange)
  | { type: "turn-recorded"; role: "user" | "twin"; text: string; status: TurnStatus }
  | { type: "turn-failed"; error: unknown };

export interface TurnHandle {
  /** The turn's parts, ending with `turn-end`. Drain it; the turn runs and is recorded even if you do not. */
  parts: AsyncIterable<Part>;
  /** Resolves when the turn has ended and both sides are recorded; rejects only on a failure (not a barge-in). */
  done: Promise<{ reason: TurnEndReason; text: string }>;
}

/**
 * A reply begun early, on the words heard at the person's first pause: the brain writes and the voice speaks it into
 * a buffer, but nothing is recorded, emitted or streamed until it is kept.
 */
export interface EarlyTurn {
  /**
   * The person stayed quiet: the message and the reply are recorded and the parts flow (buffered ones first), as if
   * `send` had been called with the same words. Undefined when the early turn is already gone (discarded, or cut
   * off by another message or a barge-in): send the words as a normal turn then.
   */
  keep(): TurnHandle | undefined;
  /** The person went on: the reply is thrown away unheard and leaves no trace (no turn, no memory, no state). */
  discard(): Promise<void>;
}

/** The decision on an early turn: kept, or thrown away (by `discard` or by anything that cancels the turn). */
interface Hold {
  decided: Promise<boolean>;
  decide(keep: boolean): void;
}

/**
 * One conversation with one twin: each user message starts a turn that streams brain → sentences → voice; a new
 * message while a turn is in flight cancels it (barge-in) through one AbortSignal, and the cut-off reply is recorded
 * as interrupted.
 */
export class ConversationEngine {
  readonly states = new TurnStateMachine();
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private inFlight: { controller: AbortController; finished: Promise<unknown> } | undefined;
  /** Settles when the latest `send` has started its turn (or failed to). */
  private starting: Promise<void> = Promise.resolve();

  constructor(private readonly options: ConversationEngineOptions) {
    this.states.onChange((change) => this.emit({ type: "state-change", ...change }));
  }

  get twinId(): string {
    return this.options.twin.id;
  }

  get conversationId(): string {
    return this.options.conversationId;
  }

  /** True while a turn is being written or spoken by the pipeline. */
  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  get state(): TurnState {
    return this.states.state;
  }

  on(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels the turn in flight, if any, and waits until it is recorded. */
  async interrupt(): Promise<void> {
    const current = this.inFlight;
    if (!current) return;
    current.controller.abort(new CancelledError("barge-in"));
    await current.finished.catch(() => {});
  }

  /** The user started to speak: cut off the twin (barge-in) and listen. */
  async listen(): Promise<void> {
    await this.interrupt();
    if (this.state !== "listening") this.states.move("listening");
  }

  /** The user stopped speaking and the audio goes to speech-to-text. */
  transcribing(): void {
    this.states.move("transcribing");
  }

  /** Nothing usable was heard: back to idle. */
  stopListening(): void {
    if (this.state === "listening" || this.state === "transcribing") this.states.move("idle");
  }

  /** Starts the twin's turn in answer to `message`, cutting off any turn in flight. */
  async send(message: string): Promise<TurnHandle> {
    return this.start(message);
  }

  /**
   * Begins a reply to `message` without recording or showing anything (start early): kept, it is the very turn
   * `send(message)` would have been; discarded, it leaves no trace. Cuts off any turn in flight, like `send`.
   */
  async prepare(message: string): Promise<EarlyTurn> {
    let decide: (keep: boolean) => void = () => {};
    const decided = new Promise<boolean>((resolve) => {
      decide = resolve;
    });
    const hold: Hold = { decided, decide };
    let settled = false;
    const handle = await this.start(message, hold);
    void decided.then(() => {
      settled = true;
    });
    return {
      keep: () => {
        if (settled) return undefined;
        settled = true;
        decide(true);
        return handle;
      },
      discard: async () => {
        if (!settled) {
          settled = true;
          decide(false);
        }
        await handle.done.catch(() => {});
      },
    };
  }

  private async start(message: string, hold?: Hold): Promise<TurnHandle> {
    const text = message.trim();
    if (text === "") throw new BadInputError("the message is empty");
    if (text.length > MAX_MESSAGE_LENGTH) {
      throw new BadInputError(`the message is ${text.length} characters; the limit is ${MAX_MESSAGE_LENGTH}`);
    }
    // Sends are taken one at a time: two at once (a double POST) must not both run to the end. Each waits until the
    // one before it has started, then cuts it off like any barge-in.
    const previous = this.starting;
    let started = () => {};
    this.starting = new Promise<void>((resolve) => {
      started = resolve;
    });
    try {
      await previous;
      await this.interrupt();
      const controller = new AbortController();
      const output = new AsyncQueue<Part>();
      // Whatever cancels an early turn before it is kept (a barge-in, another message) throws it away.
      if (hold) {
        controller.signal.addEventListener("abort", () => hold.decide(false), { once: true });
        // Thrown away: the brain and the voice stop at once, as on a barge-in.
        void hold.decided.then((keep) => keep || controller.abort(new CancelledError("discarded")));
      }
      const finished = this.run(text, controller.signal, output, hold);
      this.inFlight = { controller, finished };
      // The caller sees a failure through `parts` and `done`; this handler only keeps it from being "unhandled".
      finished
        .finally(() => {
          if (this.inFlight?.controller === controller) this.inFlight = undefined;
        })
        .catch(() => {});
      return { parts: output, done: finished };
    } finally {
      started();
    }
  }

  /**
   * One turn, from recording the message to recording the reply. Whatever fails inside (the brain, a stage, the
   * database), the `finally` that owns the stream and the state ends both: `turn-end` is sent, the state is back to
   * idle and the parts stream is closed or failed, so the next turn starts clean.
   */
  private async run(message: string, signal: AbortSignal, output: AsyncQueue<Part>, hold?: Hold) {
    const { conversations, conversationId } = this.options;
    let reply = "";
    let reason: TurnEndReason = "complete";
    let failure: unknown;
    let kept = hold === undefined;
    try {
      const history = await this.history();
      // An early turn writes and voices into a buffer until it is kept. A memory command ("remember that …") is not
      // begun early: carrying it out on words the person then went on from would change memory behind their back.
      const early =
        hold && !parseMemoryCommand(message)
          ? buffered((push) => this.reply(message, history, signal, push), signal)
          : undefined;
      if (hold) {
        kept = await hold.decided;
        if (!kept) return { reason: "interrupted" as const, text: "" };
      }
      await conversations.addTurn(conversationId, { role: "user", text: message });
      this.emit({ type: "turn-recorded", role: "user", text: message, status: "complete" });
      if (this.state === "listening") this.states.move("transcribing");
      this.states.move("thinking");
      try {
        const stream = early ?? this.reply(message, history, signal, (part) => output.push(part));
        for await (const part of untilAborted(stream, signal)) {
          if (part.type === "text-delta") reply += part.text;
          if (part.type === "sentence-complete" && this.state === "thinking") this.states.move("speaking");
          output.push(part);
        }
      } catch (error) {
        if (isCancelled(error) || signal.aborted) reason = "interrupted";
        else {
          reason = "error";
          failure = error;
        }
      }
      const status: TurnStatus =
        reason === "complete" ? "complete" : reason === "interrupted" ? "interrupted" : "error";
      const spoken = reply.trim();
      if (spoken || status !== "complete") {
        await conversations.addTurn(conversationId, { role: "twin", text: spoken, status });
        this.emit({ type: "turn-recorded", role: "twin", text: spoken, status });
      }
    } catch (error) {
      // Outside the pipeline: the history, or recording either side, failed (a storage failure).
      reason = "error";
      failure ??= error;
      // An early turn that failed before its decision tells the failure only if it is kept.
      if (hold && !kept) kept = await hold.decided;
    } finally {
      if (!kept) output.end();
      else {
        output.push({ type: "turn-end", reason });
        this.states.move("idle");
        if (failure === undefined) output.end();
        else {
          this.emit({ type: "turn-failed", error: failure });
          output.fail(failure);
        }
      }
    }
    // An early turn thrown away before it was kept failed nowhere anyone sees: nothing of it is told.
    if (failure !== undefined && kept) throw failure;
    return { reason, text: reply.trim() };
  }

  /** The brain's reply to `message` as parts: sentences, and their voice when there is a synthesizer. */
  private reply(
    message: string,
    history: ChatMessage[],
    signal: AbortSignal,
    /** Where parts told outside the stream go (what the reply is built from). */
    aside: (part: Part) => void,
  ): AsyncIterable<Part> {
    const { brain, memories, knowledge, twin } = this.options;
    const onSources = (sources: ReplySource[]) => aside({ type: "sources-found", sources });
    const deltas = think({ twin, history, message, signal, onSources }, brain, memories, knowledge);
    const stages = [sentenceStage, bufferStage];
    if (this.options.synthesizer) stages.push(voiceStage(this.options.synthesizer, twin.voice));
    return compose(textParts(deltas, signal), stages, signal);
  }

  private async history(): Promise<ChatMessage[]> {
    const turns = await this.options.conversations.turns(
      this.options.conversationId,
      this.options.historyTurns ?? 20,
    );
    return turns
      .filter((turn) => turn.text !== "")
      .map((turn) => ({ role: turn.role === "user" ? "user" : "assistant", content: turn.text }));
  }

  private emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/**
 * Runs a reply now and keeps its parts until they are read: an early turn's brain and voice work while the person is
 * still deciding whether to go on. A failure is kept too, and told to the reader in its place.
 */
function buffered(
  start: (aside: (part: Part) => void) => AsyncIterable<Part>,
  signal: AbortSignal,
): AsyncQueue<Part> {
  const queue = new AsyncQueue<Part>();
  void (async () => {
    try {
      for await (const part of untilAborted(
        start((part) => queue.push(part)),
        signal,
      ))
        queue.push(part);
      queue.end();
    } catch (error) {
      queue.fail(error);
    }
  })();
  return queue;
}

/** Ends the stream at once when the signal fires, even if the stage upstream is stuck waiting. */
async function* untilAborted<T>(stream: AsyncIterable<T>, signal: AbortSignal): AsyncIterable<T> {
  const iterator = stream[Symbol.asyncIterator]();
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(new CancelledError());
    if (signal.aborted) fail();
    else signal.addEventListener("abort", fail, { once: true });
  });
  aborted.catch(() => {});
  try {
    while (true) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Closes the stages (each AsyncQueue stops pulling from the one before), not just abandons them.
    void Promise.resolve(iterator.return?.()).catch(() => {});
  }
}
