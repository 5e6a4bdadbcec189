import sharp from "sharp";
import { BadInputError } from "../../core/errors.js";
import type { FaceLandmarks } from "../face-landmarks.js";
import { type HumanFace, loadHuman } from "./human-models.js";

/** Smaller faces give a mesh too coarse to animate: a face box under this many pixels is refused. */
export const MIN_FACE_PIXELS = 80;
const MESH_POINTS = 478;

export interface DetectedFace {
  landmarks: FaceLandmarks;
  notes: string[];
  /** Every face found, largest first (`landmarks` is the first); a talk may pick another. */
  faces: FaceLandmarks[];
}

/** How faces are found: `detectFace` in this thread, or a `ThreadedFaceDetector`'s `detect` off the event loop. */
export type FaceDetect = (image: Uint8Array) => Promise<DetectedFace>;

/** Finds the faces in an (already intaken) photo and landmarks the largest; clear errors when none is usable. */
export async function detectFace(image: Uint8Array): Promise<DetectedFace> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { human, tf } = await loadHuman();
  const tensor = tf.tensor4d(Int32Array.from(data), [1, info.height, info.width, 3], "int32");
  let faces: HumanFace[];
  try {
    faces = (await human.detect(tensor)).face.filter((face) => face.mesh.length >= MESH_POINTS);
  } finally {
    tensor.dispose();
  }
  if (faces.length === 0) {
    throw new BadInputError("no face found in the photo: use a photo with one face, seen from the front");
  }
  const all = detectedFaces(faces, info.width, info.height);
  const largest = all[0] as FaceLandmarks;
  if (Math.min(largest.box.width, largest.box.height) < MIN_FACE_PIXELS) {
    throw new BadInputError(
      `the face in the photo is too small (${Math.round(largest.box.width)} pixels wide; at least ${MIN_FACE_PIXELS} are needed)`,
    );
  }
  const notes =
    faces.length > 1 ? [`found ${faces.length} faces in the photo; using the largest`] : ([] as string[]);
  return { landmarks: largest, notes, faces: all };
}

/** Every face found, largest first, each as the landmarks a talk animates. */
function detectedFaces(faces: HumanFace[], width: number, height: number): FaceLandmarks[] {
  return [...faces]
    .sort((a, b) => area(b) - area(a))
    .map((face) => {
      const [x, y, boxWidth, boxHeight] = face.box;
      return {
        version: 1 as const,
        imageWidth: width,
        imageHeight: height,
        box: { x, y, width: boxWidth, height: boxHeight },
        score: face.score,
        points: face.mesh.map(([px, py]) => [round(px), round(py)] as [number, number]),
        facesFound: faces.length,
      };
    });
}

function area(face: HumanFace): number {
  return face.box[2] * face.box[3];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
