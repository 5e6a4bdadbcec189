/**
 * Captions under the face: the person's words as they are recognised, while they speak. Cleared when the twin
 * answers, so the line only ever shows the turn in progress.
 */
export class Captions {
  constructor(private readonly line: HTMLElement) {}

  /** The words heard so far in this turn ("" hides the line). */
  show(text: string): void {
    this.line.textContent = text;
    this.line.hidden = text.trim() === "";
  }

  clear(): void {
    this.show("");
  }
}
