import type { Api } from "./api.js";

/** What the microphone's listener does with early replies: begin one at a pause, throw it away when speech goes on. */
export interface EarlyStart {
  start(words: string): void;
  cancel(): void;
}

/** The same words exactly (spacing aside): a kept reply must be the one these very words get. */
const same = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

/**
 * Start early, the page's side: at the person's first pause the server begins the reply to the words so far
 * (`POST …/early-turns`), writing and voicing it without recording or sending any of it. If the turn then ends on
 * the same words, `take` keeps it and its parts arrive as a turn's do, already made; if the person goes on, it is
 * thrown away unheard (`DELETE`). Each step is told to the page as an `aitwin-early` event (browser tests, bench).
 */
export class EarlyReply implements EarlyStart {
  private current: { words: string; conversationId: string; id: Promise<string | undefined> } | undefined;

  constructor(
    private readonly api: Api,
    /** The conversation to answer in; undefined when replies must not begin early (the interview asks instead). */
    private readonly conversation: () => string | undefined,
  ) {}

  start(words: string): void {
    const conversationId = this.conversation();
    if (!conversationId || !words.trim()) return;
    if (this.current && this.current.conversationId === conversationId && same(this.current.words, words))
      return;
    this.cancel();
    const id = this.api
      .json<{ early: string }>("POST", `/api/conversations/${conversationId}/early-turns`, { text: words })
      .then(({ early }) => early)
      .catch(() => undefined);
    this.current = { words, conversationId, id };
    tell("start", words);
  }

  cancel(): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    tell("discard", current.words);
    void current.id.then(
      (id) =>
        id &&
        this.api
          .json("DELETE", `/api/conversations/${current.conversationId}/early-turns/${id}`)
          .catch(() => undefined),
    );
  }

  /**
   * The turn ended on `text`: the turn id of the early reply kept for it, or undefined (none, or for other words,
   * or gone), when the words go as a normal turn.
   */
  async take(conversationId: string, text: string): Promise<string | undefined> {
    const current = this.current;
    if (!current || current.conversationId !== conversationId || !same(current.words, text)) {
      this.cancel();
      return undefined;
    }
    this.current = undefined;
    const id = await current.id;
    if (!id) return undefined;
    try {
      const { turn } = await this.api.json<{ turn: string }>(
        "POST",
        `/api/conversations/${conversationId}/early-turns/${id}`,
        { text: current.words },
      );
      tell("keep", current.words);
      return turn;
    } catch {
      return undefined;
    }
  }
}

function tell(action: "start" | "discard" | "keep", words: string): void {
  window.dispatchEvent(new CustomEvent("aitwin-early", { detail: { action, words } }));
}
