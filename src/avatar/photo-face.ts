import type { FaceLandmarks } from "./face-landmarks.js";
import { MESH } from "./face-landmarks.js";
import type { FaceState } from "./face-state.js";
import { drawPhotoMesh, lipLines, photoOpening, type RgbaImage } from "./mesh-raster.js";
import { MouthColumns } from "./mouth-columns.js";
import type { InsideLayers } from "./mouth-inside.js";
import { deformMesh, type FaceFrame, faceFrame } from "./photo-deform.js";
import { drawEyelids, type Eyelid, eyelids } from "./photo-eyelids.js";
import { drawGaze, type EyeGaze, eyeGazes } from "./photo-gaze.js";
import { buildPhotoMesh, type FrameCrop, type PhotoMesh } from "./photo-mesh.js";

/**
 * A photo that talks: the cropped photo, its mesh and a reusable vertex buffer. `drawInto` writes a whole frame:
 * the untouched photo, then the moved face on top, then the irises where the eyes look, then the eyelids.
 * `redrawInto` does the same into a frame this face drew before, restoring only the box its frames have touched.
 */
export class PhotoFace {
  readonly mesh: PhotoMesh;
  private readonly frame: FaceFrame;
  private readonly lids: Eyelid[];
  private readonly eyes: EyeGaze[];
  private readonly moved: Float32Array;
  private readonly mouth: MouthColumns;
  private readonly layers: InsideLayers;
  /** Pixel box (inclusive) holding every pixel any frame so far may have changed; grows, never shrinks. */
  private readonly touched = { x0: Number.POSITIVE_INFINITY, y0: 0, x1: Number.NEGATIVE_INFINITY, y1: 0 };

  /** `photo` is the crop described by `crop`, already scaled to `crop.size` pixels square. */
  constructor(
    readonly photo: RgbaImage,
    landmarks: FaceLandmarks,
    crop: FrameCrop,
  ) {
    if (photo.width !== crop.size || photo.height !== crop.size) {
      throw new Error(`photo is ${photo.width}x${photo.height}, expected ${crop.size} square`);
    }
    this.mesh = buildPhotoMesh(landmarks, crop);
    this.frame = faceFrame(this.mesh);
    this.lids = eyelids(this.mesh);
    const scale = crop.size / crop.side;
    this.eyes = eyeGazes(this.mesh, photo, landmarks, (x, y) => [(x - crop.x) * scale, (y - crop.y) * scale]);
    this.moved = new Float32Array(this.mesh.rest.length);
    const teethMax = this.frame.height * 0.05;
    const opening = photoOpening(
      photo,
      lipLines(this.mesh.rest, MESH.lipsUpperInner, MESH.lipsLowerInner),
      teethMax,
    );
    this.mouth = new MouthColumns(photo, opening);
    // Teeth are drawn only where the photo has none of its own to move: upper ones when its mouth is closed, lower
    // ones unless it shows the gap between its upper and lower teeth.
    this.layers = {
      upperTeeth: opening.teeth > 0,
      lowerTeeth: opening.split >= 1,
      teethMax,
      teethColour: opening.teethColour,
    };
  }

  drawInto(target: RgbaImage, state: FaceState): void {
    target.data.set(this.photo.data);
    deformMesh(this.mesh, this.frame, state, this.moved);
    this.touch();
    this.drawFace(target, state);
  }

  /**
   * As `drawInto`, for a `target` that holds an earlier frame drawn by this face (or the photo): only the box that
   * frames have touched is copied back from the photo, which spares a render most of a frame's copy.
   */
  redrawInto(target: RgbaImage, state: FaceState): void {
    deformMesh(this.mesh, this.frame, state, this.moved);
    this.touch();
    const { x0, y0, x1, y1 } = this.touched;
    const row = this.photo.width * 4;
    const source = this.photo.data;
    for (let y = y0; y <= y1; y++) {
      target.data.set(source.subarray(y * row + x0 * 4, y * row + (x1 + 1) * 4), y * row + x0 * 4);
    }
    this.drawFace(target, state);
  }

  /** Grows `touched` by this frame's moved vertices: every drawn pixel lies within a pixel or two of their box. */
  private touch(): void {
    const { moved, touched } = this;
    let minX = touched.x0;
    let maxX = touched.x1;
    let minY = touched.x0 <= touched.x1 ? touched.y0 : Number.POSITIVE_INFINITY;
    let maxY = touched.x0 <= touched.x1 ? touched.y1 : Number.NEGATIVE_INFINITY;
    for (let index = 0; index < moved.length; index += 2) {
      const x = moved[index] as number;
      const y = moved[index + 1] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    touched.x0 = Math.max(0, Math.floor(minX) - 2);
    touched.y0 = Math.max(0, Math.floor(minY) - 2);
    touched.x1 = Math.min(this.photo.width - 1, Math.ceil(maxX) + 2);
    touched.y1 = Math.min(this.photo.height - 1, Math.ceil(maxY) + 2);
  }

  private drawFace(target: RgbaImage, state: FaceState): void {
    this.mouth.update(
      lipLines(this.moved, MESH.lipsUpperInner, MESH.lipsLowerInner),
      state.mouth,
      this.layers,
    );
    drawPhotoMesh(target, this.photo, this.mesh, this.moved, this.mouth);
    drawGaze(target, this.photo, this.mesh, this.eyes, this.moved, state.gaze);
    drawEyelids(target, this.photo, this.mesh, this.lids, this.moved, state.eyelids);
  }
}
