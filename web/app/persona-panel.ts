import type { Memory, TwinProfile } from "../../src/core/twin.js";
import type { Api } from "./api.js";
import { FaceMotionControls } from "./face-motion-controls.js";
import { fillVoicePicker, type VoiceChoice } from "./voice-picker.js";

const field = <T extends HTMLElement>(form: HTMLElement, name: string) =>
  form.querySelector(`[name="${name}"]`) as T;

/**
 * The persona panel: name, biography, speaking style and facts (one a line), the voice, and the memories the twin
 * was taught (add and forget). Saving patches the twin; the next turn answers with the new profile.
 */
export class PersonaPanel {
  private twin: TwinProfile | undefined;
  private readonly motion: FaceMotionControls;

  constructor(
    private readonly form: HTMLFormElement,
    private readonly memoryList: HTMLUListElement,
    private readonly memoryForm: HTMLFormElement,
    private readonly voicePicker: HTMLSelectElement,
    private readonly api: Api,
    private readonly hooks: {
      saved(twin: TwinProfile): void;
      notice(text: string): void;
      failure(error: unknown): void;
    },
  ) {
    this.motion = new FaceMotionControls(form);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.save();
    });
    memoryForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.remember();
    });
    voicePicker.addEventListener("change", () => void this.save());
  }

  async show(twin: TwinProfile): Promise<void> {
    this.twin = twin;
    field<HTMLInputElement>(this.form, "name").value = twin.name;
    field<HTMLTextAreaElement>(this.form, "biography").value = twin.persona.biography;
    field<HTMLInputElement>(this.form, "style").value = twin.persona.style;
    field<HTMLTextAreaElement>(this.form, "facts").value = twin.persona.facts.join("\n");
    this.motion.show(twin.motion);
    const [{ voices }, { memories }] = await Promise.all([
      this.api.json<{ voices: VoiceChoice[] }>("GET", "/api/voices"),
      this.api.json<{ memories: Memory[] }>("GET", `/api/twins/${twin.id}/memories`),
    ]);
    fillVoicePicker(this.voicePicker, voices, twin.voice.id);
    this.showMemories(memories);
  }

  private async save(): Promise<void> {
    if (!this.twin) return;
    const facts = field<HTMLTextAreaElement>(this.form, "facts")
      .value.split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    try {
      const voiceId = this.voicePicker.value;
      this.twin = await this.api.json<TwinProfile>("PATCH", `/api/twins/${this.twin.id}`, {
        name: field<HTMLInputElement>(this.form, "name").value,
        persona: {
          biography: field<HTMLTextAreaElement>(this.form, "biography").value,
          style: field<HTMLInputElement>(this.form, "style").value,
          facts,
        },
        voice: voiceId ? { ...this.twin.voice, id: voiceId } : { rate: this.twin.voice.rate },
        motion: this.motion.value(),
      });
      this.hooks.saved(this.twin);
      this.hooks.notice("Saved: the next answer uses it");
    } catch (error) {
      this.hooks.failure(error);
    }
  }

  private async remember(): Promise<void> {
    const input = field<HTMLInputElement>(this.memoryForm, "memory");
    if (!this.twin || !input.value.trim()) return;
    try {
      await this.api.json("POST", `/api/twins/${this.twin.id}/memories`, { text: input.value });
      input.value = "";
      await this.reloadMemories();
    } catch (error) {
      this.hooks.failure(error);
    }
  }

  /** Shows the memories as the server has them now (after a turn that taught or forgot one). */
  async reloadMemories(): Promise<void> {
    if (!this.twin) return;
    const { memories } = await this.api.json<{ memories: Memory[] }>(
      "GET",
      `/api/twins/${this.twin.id}/memories`,
    );
    this.showMemories(memories);
  }

  private showMemories(memories: Memory[]): void {
    this.memoryList.replaceChildren(
      ...memories.map((memory) => {
        const item = document.createElement("li");
        const forget = document.createElement("button");
        forget.type = "button";
        forget.textContent = "Forget";
        forget.setAttribute("aria-label", `Forget "${memory.text}"`);
        forget.addEventListener("click", async () => {
          try {
            await this.api.json("DELETE", `/api/twins/${memory.twinId}/memories/${memory.id}`);
            await this.reloadMemories();
          } catch (error) {
            this.hooks.failure(error);
          }
        });
        item.append(document.createTextNode(memory.text), forget);
        return item;
      }),
    );
  }
}
