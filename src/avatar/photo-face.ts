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
 * `redrawInto` does the same into a frame this face drew before, without copying the whole photo again.
 */
export class PhotoFace {
  readonly mesh: PhotoMesh;
  private readonly frame: FaceFrame;
  private readonly lids: Eyelid[];
  private readonly eyes: EyeGaze[];
  private readonly moved: Float32Array;
  private readonly mouth: MouthColumns;
  private readonly layers: InsideLayers;

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
    this.drawFace(target, state, false);
  }

  /**
   * As `drawInto`, for a `target` that holds an earlier frame drawn by this face (or the photo), without copying the
   * photo again: every triangle is drawn, moved or not (an unmoved one samples the photo's own pixels exactly), so
   * the mesh's area is rewritten whole; outside it no frame ever draws, and the earlier frame there is the photo.
   */
  redrawInto(target: RgbaImage, state: FaceState): void {
    deformMesh(this.mesh, this.frame, state, this.moved);
    this.drawFace(target, state, true);
  }

  private drawFace(target: RgbaImage, state: FaceState, everyTriangle: boolean): void {
    this.mouth.update(
      lipLines(this.moved, MESH.lipsUpperInner, MESH.lipsLowerInner),
      state.mouth,
      this.layers,
    );
    drawPhotoMesh(target, this.photo, this.mesh, this.moved, this.mouth, everyTriangle);
    drawGaze(target, this.photo, this.mesh, this.eyes, this.moved, state.gaze);
    drawEyelids(target, this.photo, this.mesh, this.lids, this.moved, state.eyelids);
  }
}
