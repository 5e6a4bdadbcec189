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
      const finished = this.run(text, controller.signal, output);
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
  private async run(message: string, signal: AbortSignal, output: AsyncQueue<Part>) {
    const { conversations, conversationId, twin } = this.options;
    let reply = "";
    let reason: TurnEndReason = "complete";
    let failure: unknown;
    try {
      const history = await this.history();
      await conversations.addTurn(conversationId, { role: "user", text: message });
      this.emit({ type: "turn-recorded", role: "user", text: message, status: "complete" });
      if (this.state === "listening") this.states.move("transcribing");
      this.states.move("thinking");
      try {
        const { brain, memories, knowledge } = this.options;
        const onSources = (sources: ReplySource[]) => output.push({ type: "sources-found", sources });
        const deltas = think({ twin, history, message, signal, onSources }, brain, memories, knowledge);
        const stages = [sentenceStage, bufferStage];
        if (this.options.synthesizer) stages.push(voiceStage(this.options.synthesizer, twin.voice));
        const stream = compose(textParts(deltas, signal), stages, signal);
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
    } finally {
      output.push({ type: "turn-end", reason });
      this.states.move("idle");
      if (failure === undefined) output.end();
      else {
        this.emit({ type: "turn-failed", error: failure });
        output.fail(failure);
      }
    }
    if (failure !== undefined) throw failure;
    return { reason, text: reply.trim() };
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
