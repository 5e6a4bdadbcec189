import type { ReplySource } from "../../src/core/chat-model.js";
import type { RecordedTurn } from "./conversation-stream.js";

/**
 * The conversation as a list of turns (`<ol>`), the twin's reply growing as its text streams in. Every finished
 * answer gets a "Download as video" button.
 */
export class HistoryView {
  private live: { item: HTMLLIElement; text: HTMLElement } | undefined;
  /** What the reply being written is built from; shown under it once it is recorded. */
  private sources: ReplySource[] = [];
  twinName = "Twin";

  constructor(
    private readonly list: HTMLOListElement,
    private readonly onDownload: (text: string, button: HTMLButtonElement) => void,
  ) {}

  clear(): void {
    this.list.replaceChildren();
    this.live = undefined;
  }

  /** A turn as recorded by the server; the twin's ends the reply that was streaming. */
  add(turn: RecordedTurn): void {
    if (turn.role === "twin" && this.live) {
      this.live.text.textContent = turn.text;
      this.finish(this.live.item, turn);
      this.live = undefined;
      return;
    }
    const { item, text } = this.item(turn.role);
    text.textContent = turn.text;
    if (turn.role === "twin") this.finish(item, turn);
  }

  /** Reply text as it streams, before the turn is recorded. */
  appendDelta(delta: string): void {
    if (!this.live) {
      this.live = this.item("twin");
      this.live.item.setAttribute("aria-busy", "true");
    }
    this.live.text.textContent = (this.live.text.textContent ?? "") + delta;
    this.scroll();
  }

  private item(role: RecordedTurn["role"]) {
    const item = document.createElement("li");
    item.className = `turn ${role}`;
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = role === "user" ? "You" : this.twinName;
    const text = document.createElement("p");
    text.className = "text";
    item.append(who, text);
    this.list.append(item);
    this.scroll();
    return { item, text };
  }

  /** The brain said what its next reply is built from. */
  setSources(sources: ReplySource[]): void {
    this.sources = sources;
  }

  private finish(item: HTMLLIElement, turn: RecordedTurn): void {
    item.removeAttribute("aria-busy");
    const sources = this.sources;
    this.sources = [];
    if (sources.length && turn.text) item.append(explanation(sources));
    if (turn.status !== "complete") {
      const note = document.createElement("span");
      note.className = "note";
      note.textContent = turn.status === "interrupted" ? " (interrupted)" : " (failed)";
      item.querySelector(".who")?.append(note);
    }
    if (!turn.text) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "download";
    button.textContent = "Download as video";
    button.addEventListener("click", () => this.onDownload(turn.text, button));
    item.append(button);
    this.scroll();
  }

  private scroll(): void {
    this.list.lastElementChild?.scrollIntoView({ block: "nearest" });
  }
}

/** "Why I said this": the facts, memories and passages a reply used, folded away under it. */
function explanation(sources: ReplySource[]): HTMLElement {
  const details = document.createElement("details");
  details.className = "sources";
  const summary = document.createElement("summary");
  summary.textContent = "Why I said this";
  const list = document.createElement("ul");
  for (const source of sources) {
    const entry = document.createElement("li");
    const origin =
      source.kind === "passage" ? `from ${source.documentName ?? "a document"}` : SOURCE_NAMES[source.kind];
    entry.textContent = `${source.text} (${origin})`;
    list.append(entry);
  }
  details.append(summary, list);
  return details;
}

const SOURCE_NAMES: Record<ReplySource["kind"], string> = {
  name: "my name",
  biography: "my biography",
  fact: "a fact in my persona",
  memory: "something you taught me",
  passage: "a document",
};
