/** What the stage shows: the one state the face area, the Talk button and the status line all agree on. */
export type StageState = "starting" | "offline" | "idle" | "listening" | "thinking" | "speaking";

export interface StageInputs {
  /** The engine's own state, from the conversation's event stream ("idle", "thinking", "speaking", …). */
  server: string;
  /** The event stream is connected. */
  connected: boolean;
  /** The microphone is open for the person. */
  listening: boolean;
  /** Reply audio is playing, scheduled, or still being decoded. */
  audioBusy: boolean;
  /** A message was posted and the server has not yet said it started on it. */
  sending: boolean;
}

const LABELS: Record<StageState, string> = {
  starting: "Starting…",
  offline: "Can't reach the server: trying again…",
  idle: "Ready",
  listening: "Listening…",
  thinking: "Thinking…",
  speaking: "Speaking",
};

/**
 * Decides the stage's state from its inputs. The engine says when it thinks and speaks; the browser then still
 * plays what it was sent, so "speaking" lasts until the last sentence has been heard, and nothing else may claim
 * "Ready" meanwhile.
 */
export function stageStateOf(inputs: StageInputs): StageState {
  if (inputs.listening) return "listening";
  if (inputs.audioBusy || inputs.server === "speaking") return "speaking";
  if (inputs.server === "thinking" || inputs.server === "transcribing" || inputs.sending) return "thinking";
  if (!inputs.connected) return "offline";
  return "idle";
}

export const stageLabel = (state: StageState) => LABELS[state];

/**
 * The stage's state made visible: a badge on the face, the Talk button's label, the Stop button (while the twin
 * thinks or speaks) and the status line. Every input goes through `update`, so the views cannot disagree.
 */
export class StageView {
  private inputs: StageInputs = {
    server: "idle",
    connected: true,
    listening: false,
    audioBusy: false,
    sending: false,
  };
  private started = false;
  state: StageState = "starting";

  constructor(
    private readonly elements: {
      stage: HTMLElement;
      badge: HTMLElement;
      talk: HTMLButtonElement;
      stop: HTMLButtonElement;
      status: HTMLElement;
    },
    private readonly audioBusy: () => boolean,
  ) {}

  /** The page is wired up: from now on the state shows. */
  start(): void {
    this.started = true;
    this.render();
  }

  update(change: Partial<StageInputs>): void {
    this.inputs = { ...this.inputs, ...change, audioBusy: change.audioBusy ?? this.audioBusy() };
    this.render();
  }

  /** Puts the state back on the status line after a passing message that no longer holds. */
  showState(): void {
    this.elements.status.textContent = stageLabel(this.state);
  }

  private render(): void {
    const state = this.started ? stageStateOf(this.inputs) : "starting";
    const changed = state !== this.state;
    this.state = state;
    const { stage, badge, talk, stop, status } = this.elements;
    stage.dataset.state = state;
    badge.textContent = state === "idle" || state === "starting" ? "" : stageLabel(state);
    badge.hidden = !badge.textContent;
    stop.hidden = state !== "thinking" && state !== "speaking";
    talk.textContent = state === "listening" ? "Listening…" : "Talk";
    // Messages written to the status line in between (a saved persona) stay until the state moves on.
    if (changed) status.textContent = stageLabel(state);
  }
}
