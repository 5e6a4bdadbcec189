import { ILLUSTRATED_LOOKS } from "../../src/avatar/illustrated-looks.js";
import { AvatarCanvas } from "./avatar-canvas.js";

/** The demo page's entry: exposes the drawer so the page (and the headless-browser test) can drive it. */
declare global {
  interface Window {
    aitwinAvatar: { AvatarCanvas: typeof AvatarCanvas; looks: string[] };
  }
}

window.aitwinAvatar = { AvatarCanvas, looks: ILLUSTRATED_LOOKS.map((look) => look.name) };
