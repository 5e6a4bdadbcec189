import type { FaceLandmarks } from "../../src/avatar/face-landmarks.js";
import { DEFAULT_LOOK, ILLUSTRATED_LOOKS } from "../../src/avatar/illustrated-looks.js";
import type { TwinProfile } from "../../src/core/twin.js";
import type { BrowserFace } from "../avatar/avatar-canvas.js";
import type { Api } from "./api.js";

/** The server's cap (src/server/routes/photos.ts), checked here too so nobody waits for a 50 MB upload to fail. */
const MAX_PHOTO_BYTES = 15 * 1024 * 1024;

/** The face a twin profile names: an illustrated look, or its stored photo with the landmarks found in it. */
export async function faceOf(api: Api, twin: TwinProfile): Promise<BrowserFace> {
  if (twin.face.kind === "illustrated") {
    // Twins stored before the looks were named ("classic") get the default look rather than no face.
    const wanted = twin.face.look;
    const known = ILLUSTRATED_LOOKS.some((look) => look.name === wanted);
    return { kind: "illustrated", look: known ? wanted : DEFAULT_LOOK };
  }
  const id = encodeURIComponent(twin.face.mediaId);
  const [image, landmarks] = await Promise.all([
    api.blob(`/api/media/${id}`).then((blob) => createImageBitmap(blob)),
    api.json<FaceLandmarks>("GET", `/api/media/${id}/landmarks?face=${twin.face.face ?? 0}`),
  ]);
  return { kind: "photo", image, landmarks };
}

/**
 * "Photo": a file picker and drag-and-drop onto the face. The server sniffs, re-encodes and landmarks the photo and
 * makes it the twin's face; `changed` gets the updated twin at once.
 */
export function installPhotoUpload(
  input: HTMLInputElement,
  dropZone: HTMLElement,
  api: Api,
  hooks: {
    twinId(): string | undefined;
    changed(twin: TwinProfile, notes: string[]): Promise<void>;
    status(text: string): void;
    failure(error: unknown): void;
  },
): void {
  const upload = async (file: File) => {
    const twinId = hooks.twinId();
    if (!twinId) return;
    if (file.size > MAX_PHOTO_BYTES) {
      hooks.failure(
        new Error(
          `the photo is ${(file.size / 1024 / 1024).toFixed(0)} MB; the limit is ${MAX_PHOTO_BYTES / 1024 / 1024} MB`,
        ),
      );
      return;
    }
    hooks.status("Finding the face in your photo…");
    dropZone.setAttribute("aria-busy", "true");
    try {
      const form = new FormData();
      form.append("photo", file, file.name);
      const result = await api.upload<{ twin: TwinProfile; photo: { notes: string[] } }>(
        `/api/twins/${encodeURIComponent(twinId)}/photo`,
        form,
      );
      await hooks.changed(result.twin, result.photo.notes);
    } catch (error) {
      hooks.failure(error);
    } finally {
      dropZone.removeAttribute("aria-busy");
      input.value = "";
    }
  };
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (file) void upload(file);
  });
  dropZone.addEventListener("dragover", (event) => {
    event.preventDefault();
    dropZone.classList.add("dropping");
  });
  dropZone.addEventListener("dragleave", () => dropZone.classList.remove("dropping"));
  dropZone.addEventListener("drop", (event) => {
    event.preventDefault();
    dropZone.classList.remove("dropping");
    const file = event.dataTransfer?.files[0];
    if (file) void upload(file);
  });
}
