import type { Recognizer } from "./microphone.js";

export interface TalkHooks {
  /** Stop the twin talking: the person is about to speak. */
  bargeIn(): void;
  /** A transcript to send as the person's message. */
  heard(text: string): Promise<void>;
  status(text: string): void;
  failure(message: string): void;
}

/** Held this long, the Talk button is push-to-talk (release sends); a shorter press toggles listening. */
const HOLD_MS = 400;

/**
 * The "Talk" button and hands-free mode. Press and hold to talk, or press once and speech ends by itself (end of
 * speech detection); Enter or Space toggles from the keyboard. Hands-free listens again after every turn, and the
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
    this.hooks.status("Listening…");
    try {
      const text = await this.recognizer.listen({
        signal: controller.signal,
        onSpeechStart: this.hooks.bargeIn,
      });
      if (!text && controller.signal.reason !== "cancel") this.hooks.status("Didn't catch that: try again");
      return text;
    } catch (error) {
      this.hooks.failure(error instanceof Error ? error.message : String(error));
      if (this.handsFree.checked) this.handsFree.checked = false;
      return "";
    } finally {
      if (this.listening === controller) this.listening = undefined;
      this.button.setAttribute("aria-pressed", "false");
    }
  }
}
