import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BadInputError, NotFoundError } from "../../core/errors.js";
import type { FaceLandmarks } from "../face-landmarks.js";
import { detectFace, type FaceDetect } from "./face-detector.js";
import { intakePhoto } from "./image-intake.js";

/**
 * Photos for the photo avatar live in the media dir as `<id>.jpg` (the re-encoded photo) beside `<id>.landmarks.json`,
 * where the id is the SHA-256 of the re-encoded photo: the same photo is landmarked once, whoever brings it.
 */
export interface StoredPhoto {
  mediaId: string;
  imagePath: string;
  landmarks: FaceLandmarks;
  notes: string[];
}

const MEDIA_ID = /^[0-9a-f]{64}$/;

/**
 * Takes a user's photo in: checks it, re-encodes it, finds the face, stores both. `detect` finds the face (the
 * server passes its face thread's, so landmarking never holds its event loop).
 */
export async function importPhoto(
  mediaDir: string,
  bytes: Uint8Array,
  detect: FaceDetect = detectFace,
): Promise<StoredPhoto> {
  const intake = await intakePhoto(bytes);
  const mediaId = createHash("sha256").update(intake.data).digest("hex");
  await mkdir(mediaDir, { recursive: true });
  const imagePath = join(mediaDir, `${mediaId}.jpg`);
  await writeAtomically(imagePath, intake.data);
  const { landmarks, notes } = await landmarksFor(mediaDir, mediaId, intake.data, detect);
  return { mediaId, imagePath, landmarks, notes: [...intake.notes, ...notes] };
}

/**
 * A stored photo by id, landmarking it if that was never done. `face` picks one of several faces, 0 the largest,
 * then by size (`<id>.faces.json` keeps them all once a photo shows more than one).
 */
export async function loadPhoto(
  mediaDir: string,
  mediaId: string,
  face = 0,
  detect: FaceDetect = detectFace,
): Promise<StoredPhoto> {
  if (!MEDIA_ID.test(mediaId)) throw new BadInputError(`"${mediaId}" is not a photo id`);
  const imagePath = join(mediaDir, `${mediaId}.jpg`);
  const image = await readFile(imagePath).catch(() => {
    throw new NotFoundError(`no photo ${mediaId}`);
  });
  const { landmarks, notes } = await landmarksFor(mediaDir, mediaId, image, detect);
  if (face === 0) return { mediaId, imagePath, landmarks, notes };
  const faces = await facesOf(mediaDir, mediaId, image, landmarks, detect);
  const chosen = faces[face];
  if (!Number.isInteger(face) || face < 0 || !chosen) {
    throw new BadInputError(
      `the photo shows ${faces.length} face${faces.length === 1 ? "" : "s"}: face ${face + 1} is not one of them`,
    );
  }
  return { mediaId, imagePath, landmarks: chosen, notes: [] };
}

/** Which face of a stored photo (0 the largest) has its box's centre nearest (x, y), in the stored photo's pixels. */
export async function faceNearest(mediaDir: string, mediaId: string, x: number, y: number): Promise<number> {
  const { landmarks } = await loadPhoto(mediaDir, mediaId);
  const image = await readFile(join(mediaDir, `${mediaId}.jpg`));
  const faces = await facesOf(mediaDir, mediaId, image, landmarks);
  const distance = (face: FaceLandmarks) =>
    Math.hypot(face.box.x + face.box.width / 2 - x, face.box.y + face.box.height / 2 - y);
  let nearest = 0;
  faces.forEach((face, index) => {
    if (distance(face) < distance(faces[nearest] as FaceLandmarks)) nearest = index;
  });
  return nearest;
}

/** Every face of a stored photo, largest first. */
export async function facesOf(
  mediaDir: string,
  mediaId: string,
  image: Buffer,
  largest: FaceLandmarks,
  detect: FaceDetect = detectFace,
): Promise<FaceLandmarks[]> {
  if (largest.facesFound <= 1) return [largest];
  const path = join(mediaDir, `${mediaId}.faces.json`);
  const cached = await readFile(path, "utf8").then(
    (text) => JSON.parse(text) as FaceLandmarks[],
    () => undefined,
  );
  if (cached) return cached;
  const { faces } = await detect(image);
  await writeAtomically(path, JSON.stringify(faces));
  return faces;
}

async function landmarksFor(mediaDir: string, mediaId: string, image: Buffer, detect: FaceDetect) {
  const path = join(mediaDir, `${mediaId}.landmarks.json`);
  const cached = await readFile(path, "utf8").then(
    (text) => JSON.parse(text) as FaceLandmarks,
    () => undefined,
  );
  if (cached?.version === 1) {
    const notes =
      cached.facesFound > 1 ? [`found ${cached.facesFound} faces in the photo; using the largest`] : [];
    return { landmarks: cached, notes };
  }
  const detected = await detect(image);
  if (detected.faces.length > 1) {
    await writeAtomically(join(mediaDir, `${mediaId}.faces.json`), JSON.stringify(detected.faces));
  }
  await writeAtomically(path, JSON.stringify(detected.landmarks));
  return { landmarks: detected.landmarks, notes: detected.notes };
}

async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}
