/** A way forward offered with a notice: a button that does it ("Retry", "Undo"). */
export interface NoticeAction {
  label: string;
  run(): void;
}

/**
 * The notice line under the message box (`role="alert"`): an error or a change the person may want to take back,
 * in plain words, with at most one action button beside it.
 */
export class Notice {
  constructor(private readonly line: HTMLElement) {}

  show(text: string, action?: NoticeAction, tone: "error" | "info" = "error"): void {
    const words = document.createElement("span");
    words.textContent = text;
    const parts: Node[] = [words];
    if (action) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = action.label;
      button.addEventListener("click", () => {
        this.hide();
        action.run();
      });
      parts.push(document.createTextNode(" "), button);
    }
    this.line.replaceChildren(...parts);
    this.line.dataset.tone = tone;
    this.line.hidden = false;
  }

  hide(): void {
    this.line.hidden = true;
    this.line.replaceChildren();
  }

  get text(): string {
    return this.line.hidden ? "" : (this.line.querySelector("span")?.textContent ?? "");
  }
}
