import type { KnowledgeDocument } from "../../src/core/knowledge.js";
import type { Api } from "./api.js";

export interface KnowledgePanelElements {
  list: HTMLUListElement;
  file: HTMLInputElement;
  pasteForm: HTMLFormElement;
  /** The person's name in a chat export; sent with uploads and pastes when filled. */
  me: HTMLInputElement;
}

/**
 * The Knowledge panel: the twin's imported documents (name, size, delete), a file upload (.txt, .md, .pdf, .docx,
 * chat exports) and a paste box. A chat export refused for want of the person's name says which names it holds;
 * filling "Your name in a chat" and choosing the file again imports it.
 */
export class KnowledgePanel {
  private twinId: string | undefined;

  constructor(
    private readonly elements: KnowledgePanelElements,
    private readonly api: Api,
    private readonly hooks: { status(text: string): void; failure(error: unknown): void },
  ) {
    elements.file.addEventListener("change", () => {
      const chosen = elements.file.files?.[0];
      if (chosen) void this.upload(chosen);
    });
    elements.pasteForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.paste();
    });
  }

  async show(twinId: string): Promise<void> {
    this.twinId = twinId;
    await this.reload();
  }

  private path(): string {
    return `/api/twins/${encodeURIComponent(this.twinId ?? "")}/knowledge`;
  }

  private me(): string | undefined {
    return this.elements.me.value.trim() || undefined;
  }

  private async upload(file: File): Promise<void> {
    if (!this.twinId) return;
    const form = new FormData();
    const me = this.me();
    // Fields before the file: the server reads the file as it streams in.
    if (me) form.append("me", me);
    form.append("file", file, file.name);
    this.hooks.status(`Importing ${file.name}…`);
    try {
      const { document } = await this.api.upload<{ document: KnowledgeDocument }>(this.path(), form);
      this.imported(document);
    } catch (error) {
      this.hooks.failure(error);
      this.hooks.status("Ready");
    } finally {
      // The same file can be chosen again (after filling in a name, say).
      this.elements.file.value = "";
    }
  }

  private async paste(): Promise<void> {
    const form = this.elements.pasteForm;
    const name = (form.elements.namedItem("name") as HTMLInputElement).value.trim() || "Pasted text";
    const text = form.elements.namedItem("text") as HTMLTextAreaElement;
    if (!this.twinId || !text.value.trim()) return this.hooks.failure(new Error("Paste some text first"));
    try {
      const { document } = await this.api.json<{ document: KnowledgeDocument }>("POST", this.path(), {
        name,
        text: text.value,
        ...(this.me() ? { me: this.me() } : {}),
      });
      text.value = "";
      this.imported(document);
    } catch (error) {
      this.hooks.failure(error);
    }
  }

  private imported(document: KnowledgeDocument): void {
    const passages = `${document.passageCount} passage${document.passageCount === 1 ? "" : "s"}`;
    this.hooks.status(`Imported ${document.name}: ${passages}`);
    void this.reload();
  }

  private async reload(): Promise<void> {
    if (!this.twinId) return;
    try {
      const { documents } = await this.api.json<{ documents: KnowledgeDocument[] }>("GET", this.path());
      this.elements.list.replaceChildren(...documents.map((document) => this.item(document)));
    } catch (error) {
      this.hooks.failure(error);
    }
  }

  private item(document: KnowledgeDocument): HTMLLIElement {
    const item = window.document.createElement("li");
    const remove = window.document.createElement("button");
    remove.type = "button";
    remove.textContent = "Delete";
    remove.setAttribute("aria-label", `Delete ${document.name}`);
    remove.addEventListener("click", async () => {
      try {
        await this.api.json("DELETE", `${this.path()}/${encodeURIComponent(document.id)}`);
        this.hooks.status(`Deleted ${document.name}`);
        await this.reload();
      } catch (error) {
        this.hooks.failure(error);
      }
    });
    const size = `${document.kind}, ${document.passageCount} passage${document.passageCount === 1 ? "" : "s"}`;
    item.append(window.document.createTextNode(`${document.name} (${size})`), remove);
    return item;
  }
}
