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

/** Draws one video frame for a face state: RGBA bytes, a fresh buffer each time (the encoder keeps it). */
export type FrameDrawer = (state: FaceState) => Uint8Array;

/** The illustrated look on a skia canvas: the same drawing code the browser runs. */
export function illustratedDrawer(lookName: string, size: number): FrameDrawer {
  const look = illustratedLook(lookName);
  const canvas = createCanvas(size, size);
  const context = canvas.getContext("2d");
  return (state) => {
    drawIllustrated(context as unknown as Canvas2D, look, state, size);
    return new Uint8Array(context.getImageData(0, 0, size, size).data.buffer);
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
  return (state) => {
    const frame = new Uint8Array(size * size * 4);
    face.drawInto({ width: size, height: size, data: frame }, state);
    return frame;
  };
}
