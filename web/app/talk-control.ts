import type { EarlyStart } from "./early-reply.js";
import type { Recognizer } from "./microphone.js";
import { microphoneProblem } from "./microphone-problem.js";

export interface TalkHooks {
  /** Stop the twin talking: the person is about to speak. */
  bargeIn(): void;
  /** A transcript to send as the person's message. */
  heard(text: string): Promise<void>;
  /** The microphone opened (true) or closed (false): the stage shows "Listening…" exactly while it is open. */
  listening(open: boolean): void;
  status(text: string): void;
  failure(message: string): void;
  /** The words recognised so far while the person speaks (captions). */
  caption?(text: string): void;
  /** Start early: a reply begun at the person's pause, thrown away if they go on. */
  early?: EarlyStart;
}

/** Held this long, the Talk button is push-to-talk (release sends); a shorter press toggles listening. */
const HOLD_MS = 400;

/**
 * The "Talk" button and hands-free mode. Press and hold to talk, or press once and speech ends by itself (end of
 * speech detection). From the keyboard Space works the same way (hold to talk, tap to toggle) and Enter toggles.
 * Hands-free listens again after every turn, and the
 * person speaking while the twin talks cuts it off.
 */
export class TalkControl {
  private listening: AbortController | undefined;
  private pressedAt = 0;
  private pointerStarted = false;

  constructor(
    private readonly button: HTMLButtonElement,
    private readonly handsFree: HTMLInputElement,
    private readonly recognizer: Recognizer | undefined,
    private readonly hooks: TalkHooks,
  ) {
    if (!recognizer) {
      button.disabled = true;
      button.title = "No speech recognition here: type your message instead";
      handsFree.disabled = true;
      return;
    }
    button.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      this.pointerStarted = true;
      this.pressedAt = performance.now();
      this.toggle();
    });
    button.addEventListener("pointerup", () => {
      if (this.listening && performance.now() - this.pressedAt > HOLD_MS) this.listening.abort("release");
    });
    // Space is handled on keydown, so listening starts while the key is held; the button's own click (fired on
    // keyup) is cancelled.
    button.addEventListener("keydown", (event) => {
      if (event.key !== " ") return;
      event.preventDefault();
      if (event.repeat) return;
      this.pressedAt = performance.now();
      this.toggle();
    });
    button.addEventListener("keyup", (event) => {
      if (event.key !== " ") return;
      event.preventDefault();
      if (this.listening && performance.now() - this.pressedAt > HOLD_MS) this.listening.abort("release");
    });
    button.addEventListener("click", () => {
      // Pointer presses were handled on pointerdown; a click without one is the keyboard.
      if (this.pointerStarted) this.pointerStarted = false;
      else this.toggle();
    });
    handsFree.addEventListener("change", () => {
      if (handsFree.checked) void this.handsFreeLoop();
      else this.listening?.abort("cancel");
    });
  }

  private toggle(): void {
    if (this.listening) this.listening.abort("stop");
    else void this.listenOnce();
  }

  private async listenOnce(): Promise<void> {
    this.hooks.bargeIn();
    const text = await this.listen();
    if (text) await this.hooks.heard(text);
  }

  private async handsFreeLoop(): Promise<void> {
    this.listening?.abort("cancel");
    while (this.handsFree.checked) {
      const text = await this.listen();
      if (text) await this.hooks.heard(text);
    }
  }

  private async listen(): Promise<string> {
    if (!this.recognizer) return "";
    const controller = new AbortController();
    this.listening = controller;
    this.button.setAttribute("aria-pressed", "true");
    this.hooks.listening(true);
    try {
      const text = await this.recognizer.listen({
        signal: controller.signal,
        onSpeechStart: this.hooks.bargeIn,
        onWords: this.hooks.caption,
        early: this.hooks.early,
      });
      if (!text && controller.signal.reason !== "cancel") this.hooks.status("Didn't catch that: try again");
      return text;
    } catch (error) {
      this.hooks.failure(microphoneProblem(error));
      if (this.handsFree.checked) this.handsFree.checked = false;
      return "";
    } finally {
      if (this.listening === controller) this.listening = undefined;
      this.button.setAttribute("aria-pressed", "false");
      this.hooks.listening(false);
    }
  }
}
