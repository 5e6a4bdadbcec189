/**
 * A face found in a photo: the MediaPipe face-mesh points (468 face + 10 iris) in the photo's pixels. Computed once
 * per photo and stored as this JSON next to it, so a talk never waits for the detector twice.
 */
export interface FaceLandmarks {
  version: 1;
  imageWidth: number;
  imageHeight: number;
  box: { x: number; y: number; width: number; height: number };
  score: number;
  /** [x, y] per mesh point, image pixels. */
  points: [number, number][];
  /** How many faces the detector saw; the largest is the one described here. */
  facesFound: number;
}

/** MediaPipe face-mesh indices of the features we move (the same topology human's facemesh model returns). */
export const MESH = {
  forehead: 10,
  chin: 152,
  mouthLeft: 61,
  mouthRight: 291,
  lipsUpperOuter: [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291],
  lipsLowerOuter: [146, 91, 181, 84, 17, 314, 405, 321, 375, 291],
  lipsUpperInner: [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308],
  lipsLowerInner: [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308],
  rightEyeUpper0: [246, 161, 160, 159, 158, 157, 173],
  rightEyeLower0: [33, 7, 163, 144, 145, 153, 154, 155, 133],
  rightEyeUpper1: [247, 30, 29, 27, 28, 56, 190],
  leftEyeUpper0: [466, 388, 387, 386, 385, 384, 398],
  leftEyeLower0: [263, 249, 390, 373, 374, 380, 381, 382, 362],
  leftEyeUpper1: [467, 260, 259, 257, 258, 286, 414],
  rightBrow: [70, 63, 105, 66, 107, 46, 53, 52, 65, 55],
  leftBrow: [300, 293, 334, 296, 336, 276, 283, 282, 295, 285],
  silhouette: [
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176,
    149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
  ],
} as const;

/** Points of the face itself; the iris points (468+) are left out of the mesh, they ride inside the eye. */
export const FACE_POINT_COUNT = 468;

export function point(points: readonly [number, number][], index: number): [number, number] {
  const found = points[index];
  if (!found) throw new Error(`landmark ${index} is missing`);
  return found;
}
