import { ILLUSTRATED_LOOKS } from "../../src/avatar/illustrated-looks.js";
import type { TwinProfile } from "../../src/core/twin.js";
import { AvatarCanvas, type BrowserFace } from "../avatar/avatar-canvas.js";
import type { Api } from "./api.js";

const THUMBNAIL = 96;

/**
 * The current face as a thumbnail, a picker of the illustrated looks, and "Use illustrated face" to go back from a
 * photo. Choosing a look makes it the face at once (`PATCH /api/twins/:id`); `changed` gets the updated twin.
 */
export class FacePicker {
  private twin: TwinProfile | undefined;

  constructor(
    private readonly elements: {
      thumbnail: HTMLImageElement;
      look: HTMLSelectElement;
      illustrated: HTMLButtonElement;
    },
    private readonly api: Api,
    private readonly hooks: { changed(twin: TwinProfile): void; failure(error: unknown): void },
  ) {
    // The panel is narrow: each look by its name, its description as the option's title (and the list's while it is
    // the one chosen), so the closed picker is never cut off mid-word.
    elements.look.replaceChildren(
      ...ILLUSTRATED_LOOKS.map((look) => {
        const option = new Option(look.label.split(":")[0] ?? look.label, look.name);
        option.title = look.label;
        return option;
      }),
    );
    this.describeLook();
    elements.look.addEventListener("change", () => {
      this.describeLook();
      void this.useLook(elements.look.value);
    });
    elements.illustrated.addEventListener("click", () => void this.useLook(elements.look.value));
  }

  /** Shows `face`, the face `twin` has now. */
  show(twin: TwinProfile, face: BrowserFace): void {
    this.twin = twin;
    const { thumbnail, look, illustrated } = this.elements;
    const still = document.createElement("canvas");
    still.width = still.height = THUMBNAIL;
    new AvatarCanvas(still, face, () => 0).drawAt(0);
    thumbnail.src = still.toDataURL("image/png");
    thumbnail.alt =
      twin.face.kind === "photo" ? "Current face: your photo" : "Current face: an illustrated look";
    if (twin.face.kind === "illustrated") look.value = twin.face.look;
    this.describeLook();
    illustrated.hidden = twin.face.kind !== "photo";
  }

  /** The chosen look's whole description, on the closed picker. */
  private describeLook(): void {
    const { look } = this.elements;
    look.title = look.selectedOptions[0]?.title ?? "";
  }

  private async useLook(name: string): Promise<void> {
    if (!this.twin) return;
    try {
      const twin = await this.api.json<TwinProfile>(
        "PATCH",
        `/api/twins/${encodeURIComponent(this.twin.id)}`,
        {
          face: { kind: "illustrated", look: name },
        },
      );
      this.hooks.changed(twin);
    } catch (error) {
      this.hooks.failure(error);
    }
  }
}
