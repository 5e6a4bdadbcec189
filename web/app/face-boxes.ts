import type { TwinProfile } from "../../src/core/twin.js";
import type { Api } from "./api.js";

interface PhotoFaces {
  width: number;
  height: number;
  faces: { x: number; y: number; width: number; height: number }[];
}

const SHOWN_WIDTH = 192;

/**
 * A photo with several faces, shown whole with a box over each face to click: the chosen face becomes the one that
 * talks (the largest until the person picks). Built after the face picker, so the page's markup stays as it was;
 * hidden for illustrated faces and photos of one face.
 */
export class FaceBoxes {
  private readonly panel: HTMLDivElement;
  private objectUrl: string | undefined;

  constructor(
    after: HTMLElement,
    private readonly api: Api,
    private readonly hooks: { changed(twin: TwinProfile): void; failure(error: unknown): void },
  ) {
    this.panel = document.createElement("div");
    this.panel.className = "face-boxes";
    this.panel.hidden = true;
    this.panel.setAttribute("role", "group");
    this.panel.setAttribute("aria-label", "Faces to choose from");
    after.after(this.panel);
  }

  async show(twin: TwinProfile): Promise<void> {
    const { face } = twin;
    if (face.kind !== "photo") return this.hide();
    const id = encodeURIComponent(face.mediaId);
    const found = await this.api.json<PhotoFaces>("GET", `/api/media/${id}/faces`);
    if (found.faces.length < 2) return this.hide();
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = URL.createObjectURL(await this.api.blob(`/api/media/${id}`));
    const image = new Image(SHOWN_WIDTH, Math.round((SHOWN_WIDTH * found.height) / found.width));
    image.src = this.objectUrl;
    image.alt = "Your photo: pick the face that talks";
    const frame = document.createElement("div");
    frame.style.position = "relative";
    frame.style.width = `${SHOWN_WIDTH}px`;
    frame.append(image);
    const chosen = face.face ?? 0;
    found.faces.forEach((box, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "";
      button.setAttribute("aria-label", `Face ${index + 1}`);
      button.setAttribute("aria-pressed", String(index === chosen));
      Object.assign(button.style, {
        position: "absolute",
        left: `${(100 * box.x) / found.width}%`,
        top: `${(100 * box.y) / found.height}%`,
        width: `${(100 * box.width) / found.width}%`,
        height: `${(100 * box.height) / found.height}%`,
        padding: "0",
        minHeight: "0",
        background: "transparent",
        border: index === chosen ? "3px solid #2f7d4f" : "2px dashed #ffffff",
        cursor: "pointer",
      });
      button.addEventListener("click", () => void this.choose(twin, face.mediaId, index));
      frame.append(button);
    });
    const label = document.createElement("p");
    label.textContent = "Several faces: click the one that talks.";
    this.panel.replaceChildren(label, frame);
    this.panel.hidden = false;
  }

  private hide(): void {
    this.panel.hidden = true;
    this.panel.replaceChildren();
  }

  private async choose(twin: TwinProfile, mediaId: string, index: number): Promise<void> {
    try {
      const updated = await this.api.json<TwinProfile>("PATCH", `/api/twins/${encodeURIComponent(twin.id)}`, {
        face: { kind: "photo", mediaId, face: index },
      });
      this.hooks.changed(updated);
    } catch (error) {
      this.hooks.failure(error);
    }
  }
}
