import type { SpeechTimeline } from "../../src/core/timeline.js";
import type { TwinProfile } from "../../src/core/twin.js";
import type { Api } from "./api.js";
import type { RecordedTurn } from "./conversation-stream.js";

/** What the server learned from one answer: only what is new on the twin. */
interface Learned {
  facts: string[];
  name?: string;
  style?: string;
}

interface InterviewReply {
  outcome?: "answered" | "skipped" | "stopped";
  question: string | null;
  state: unknown;
  done: boolean;
  twin: TwinProfile;
  learned?: Learned;
  speech?: { wav: string; timeline: SpeechTimeline };
}

export interface InterviewHooks {
  twinId(): string | undefined;
  /** A turn to show in the conversation: the twin's question or the person's answer. */
  show(turn: RecordedTurn): void;
  /** The question in the twin's voice, lips in sync. */
  speak(wav: ArrayBuffer, timeline: SpeechTimeline): void;
  /** Stops the question being spoken (the person answers before it ends). */
  hush(): void;
  /** The twin changed: the persona panel and the name follow. */
  changed(twin: TwinProfile): void;
  status(text: string): void;
  failure(error: unknown): void;
}

/**
 * The page's Interview mode: the twin asks (shown in the conversation and spoken), the person answers in the
 * Message box or by Talk, and what the twin learned shows as a note and in the persona panel. The interview's state
 * is the server's to define and the page's to carry: it goes back with each answer (see routes/interview.ts).
 */
export class InterviewMode {
  private state: unknown = null;
  private busy = false;

  constructor(
    private readonly button: HTMLButtonElement,
    private readonly turns: HTMLOListElement,
    private readonly api: Api,
    private readonly hooks: InterviewHooks,
  ) {
    button.addEventListener("click", () => {
      if (this.active) this.end("Interview stopped");
      else this.start().catch(hooks.failure);
    });
  }

  get active(): boolean {
    return this.button.getAttribute("aria-pressed") === "true";
  }

  async start(): Promise<void> {
    const twinId = this.hooks.twinId();
    if (!twinId) return;
    this.setActive(true);
    try {
      const reply = await this.api.json<InterviewReply>("POST", `/api/twins/${twinId}/interview`, {
        speak: true,
      });
      this.follow(reply);
    } catch (error) {
      this.setActive(false);
      throw error;
    }
  }

  /** One answer: shown, sent, and the twin's next question asked. */
  async answer(text: string): Promise<void> {
    const twinId = this.hooks.twinId();
    if (!twinId || !this.active) return;
    if (this.busy) throw new Error("One moment: your twin is still taking in your last answer");
    this.hooks.hush();
    this.hooks.show({ role: "user", text, status: "complete" });
    this.busy = true;
    try {
      const reply = await this.api.json<InterviewReply>("POST", `/api/twins/${twinId}/interview/answers`, {
        answer: text,
        state: this.state,
        speak: true,
      });
      if (reply.learned) this.note(reply.learned, reply.twin);
      this.follow(reply);
    } finally {
      this.busy = false;
    }
  }

  private follow(reply: InterviewReply): void {
    if (reply.done || reply.question === null) {
      this.end(
        reply.outcome === "stopped"
          ? "Interview stopped"
          : "Interview finished: your twin has no more questions for now",
      );
      return;
    }
    this.state = reply.state;
    this.hooks.show({ role: "twin", text: reply.question, status: "complete" });
    if (reply.speech) this.hooks.speak(base64ToBuffer(reply.speech.wav), reply.speech.timeline);
    this.hooks.status("Interview: answer in the Message box or with Talk (skip skips, stop ends)");
  }

  private note(learned: Learned, twin: TwinProfile): void {
    const lines = [
      ...(learned.name ? [`name: ${learned.name}`] : []),
      ...(learned.style ? [`speaking style: ${learned.style}`] : []),
      ...learned.facts,
    ];
    if (lines.length === 0) return;
    const item = document.createElement("li");
    item.className = "turn learned";
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = "Learned";
    const text = document.createElement("p");
    text.className = "text";
    text.textContent = lines.join("\n");
    item.append(who, text);
    this.turns.append(item);
    item.scrollIntoView({ block: "nearest" });
    this.hooks.changed(twin);
  }

  private end(status: string): void {
    this.state = null;
    this.setActive(false);
    this.hooks.status(status);
  }

  private setActive(active: boolean): void {
    this.button.setAttribute("aria-pressed", String(active));
  }
}

function base64ToBuffer(base64: string): ArrayBuffer {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return bytes.buffer;
}
