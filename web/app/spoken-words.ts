import type { ScheduledSpeech } from "./reply-audio.js";

interface PlacedWord {
  /** Where the word is in the reply's text. */
  from: number;
  to: number;
  /** When it is said, on the audio clock (ms). */
  startMs: number;
  endMs: number;
}

/** How far past the last match a spoken word is looked for: words the voice adds or says differently are skipped. */
const LOOK_AHEAD = 60;

/**
 * The twin's words marked as they are said: each sentence's timeline has word times, and the sentence starts at a
 * known moment on the audio clock, so the word being heard is found by the clock each frame and wrapped in a
 * `<mark aria-current="true">` in the reply shown in the conversation list. The mark goes when the speech ends or
 * is stopped (barge-in). The reply's text is never changed, only split around the mark.
 */
export class SpokenWords {
  private words: PlacedWord[] = [];
  private element: HTMLElement | undefined;
  /** Where the next sentence's words are looked for in the reply's text. */
  private cursor = 0;
  private current: PlacedWord | undefined;
  private frame: number | undefined;

  constructor(
    private readonly list: HTMLElement,
    private readonly clock: () => number,
    private readonly speaking: () => boolean,
  ) {}

  /** A sentence of the reply was scheduled to play. */
  speak(speech: ScheduledSpeech): void {
    const replies = this.list.querySelectorAll<HTMLElement>("li.twin .text");
    const element = replies[replies.length - 1];
    if (!element) return;
    if (element !== this.element) {
      this.clear();
      this.element = element;
      this.words = [];
      this.cursor = 0;
    }
    const text = (element.textContent ?? "").toLowerCase();
    for (const word of speech.timeline.words) {
      const wanted = word.text.toLowerCase().replace(/[^a-z0-9']/g, "");
      if (!wanted) continue;
      const at = text.indexOf(wanted, this.cursor);
      if (at < 0 || at > this.cursor + LOOK_AHEAD) continue;
      const startMs = speech.startMs + word.start;
      this.words.push({ from: at, to: at + wanted.length, startMs, endMs: startMs + word.duration });
      this.cursor = at + wanted.length;
    }
    this.frame ??= requestAnimationFrame(this.tick);
  }

  /** Speech stopped or ended: no word is marked. */
  stop(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.words = [];
    this.clear();
  }

  private readonly tick = () => {
    this.frame = undefined;
    const last = this.words.at(-1);
    const now = this.clock();
    if (!this.speaking() || !last || now >= last.endMs) {
      this.stop();
      return;
    }
    // The word being said; between two words the one just said stays marked, so the mark does not flicker.
    let word: PlacedWord | undefined;
    for (const each of this.words) {
      if (each.startMs > now) break;
      word = each;
    }
    if (word !== this.current || (word && !this.element?.querySelector("mark"))) this.show(word);
    this.frame = requestAnimationFrame(this.tick);
  };

  private show(word: PlacedWord | undefined): void {
    this.current = word;
    const element = this.element;
    if (!element) return;
    const text = element.textContent ?? "";
    if (!word) {
      element.textContent = text;
      return;
    }
    const mark = document.createElement("mark");
    mark.setAttribute("aria-current", "true");
    mark.textContent = text.slice(word.from, word.to);
    element.replaceChildren(text.slice(0, word.from), mark, text.slice(word.to));
  }

  private clear(): void {
    if (this.current) this.show(undefined);
    this.current = undefined;
  }
}
