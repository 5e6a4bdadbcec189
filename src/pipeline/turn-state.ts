/** Where the conversation is. A UI follows these to show a listening ear, a thinking face, a speaking mouth. */
export type TurnState = "idle" | "listening" | "transcribing" | "thinking" | "speaking";

const ALLOWED: Record<TurnState, TurnState[]> = {
  idle: ["listening", "thinking"],
  listening: ["transcribing", "idle"],
  transcribing: ["thinking", "idle"],
  thinking: ["speaking", "idle", "listening"],
  speaking: ["idle", "listening"],
};

export interface StateChange {
  from: TurnState;
  to: TurnState;
}

/** The turn state machine: only the transitions above are possible; anything else is a bug and throws. */
export class TurnStateMachine {
  private current: TurnState = "idle";
  private readonly listeners = new Set<(change: StateChange) => void>();

  get state(): TurnState {
    return this.current;
  }

  canMove(to: TurnState): boolean {
    return ALLOWED[this.current].includes(to);
  }

  move(to: TurnState): void {
    if (to === this.current) return;
    if (!this.canMove(to)) throw new Error(`invalid turn transition ${this.current} → ${to}`);
    const change = { from: this.current, to };
    this.current = to;
    for (const listener of this.listeners) listener(change);
  }

  onChange(listener: (change: StateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
