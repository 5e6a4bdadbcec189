import { readFile } from "node:fs/promises";
import { createCanvas } from "@napi-rs/canvas";
import sharp from "sharp";
import type { Canvas2D } from "../../avatar/canvas-2d.js";
import { drawIllustrated } from "../../avatar/draw-illustrated.js";
import type { FaceState } from "../../avatar/face-state.js";
import { illustratedLook } from "../../avatar/illustrated-looks.js";
import type { StoredPhoto } from "../../avatar/node/photo-store.js";
import { PhotoFace } from "../../avatar/photo-face.js";
import { cropAroundFace } from "../../avatar/photo-mesh.js";

/**
 * Draws video frames for face states as RGBA bytes. A frame belongs to whoever writes it out until they hand it back
 * with `release`; the drawer may then draw a later frame into the same buffer.
 */
export interface FrameDrawer {
  draw(state: FaceState): Uint8Array;
  release(frame: Uint8Array): void;
}

/** The illustrated look on a skia canvas: the same drawing code the browser runs. A fresh buffer per frame. */
export function illustratedDrawer(lookName: string, size: number): FrameDrawer {
  const look = illustratedLook(lookName);
  const canvas = createCanvas(size, size);
  const context = canvas.getContext("2d");
  return {
    draw(state) {
      drawIllustrated(context as unknown as Canvas2D, look, state, size);
      return new Uint8Array(context.getImageData(0, 0, size, size).data.buffer);
    },
    release() {},
  };
}

/** The photo cropped around the face and scaled to the frame, then the shared mesh rasterizer. */
export async function photoDrawer(photo: StoredPhoto, size: number): Promise<FrameDrawer> {
  const crop = cropAroundFace(photo.landmarks, size);
  const data = await sharp(await readFile(photo.imagePath))
    .extract({ left: crop.x, top: crop.y, width: crop.side, height: crop.side })
    .resize(size, size)
    .ensureAlpha()
    .raw()
    .toBuffer();
  const face = new PhotoFace({ width: size, height: size, data }, photo.landmarks, crop);
  // Frames handed back are drawn into again (the face redrawn over the last frame, the photo not copied again), and a
  // render allocates a few frames instead of one per frame (a megabyte each at 512², which kept the GC busy).
  const free: Uint8Array[] = [];
  return {
    draw(state) {
      const reused = free.pop();
      const frame = reused ?? new Uint8Array(size * size * 4);
      const target = { width: size, height: size, data: frame };
      if (reused) face.redrawInto(target, state);
      else face.drawInto(target, state);
      return frame;
    },
    release(frame) {
      free.push(frame);
    },
  };
}
