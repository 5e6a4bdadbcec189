import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BadInputError, NotFoundError } from "../../core/errors.js";
import type { FaceLandmarks } from "../face-landmarks.js";
import { detectFace } from "./face-detector.js";
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

/** Takes a user's photo in: checks it, re-encodes it, finds the face, stores both. */
export async function importPhoto(mediaDir: string, bytes: Uint8Array): Promise<StoredPhoto> {
  const intake = await intakePhoto(bytes);
  const mediaId = createHash("sha256").update(intake.data).digest("hex");
  await mkdir(mediaDir, { recursive: true });
  const imagePath = join(mediaDir, `${mediaId}.jpg`);
  await writeAtomically(imagePath, intake.data);
  const { landmarks, notes } = await landmarksFor(mediaDir, mediaId, intake.data);
  return { mediaId, imagePath, landmarks, notes: [...intake.notes, ...notes] };
}

/** A stored photo by id, landmarking it if that was never done. */
export async function loadPhoto(mediaDir: string, mediaId: string): Promise<StoredPhoto> {
  if (!MEDIA_ID.test(mediaId)) throw new BadInputError(`"${mediaId}" is not a photo id`);
  const imagePath = join(mediaDir, `${mediaId}.jpg`);
  const image = await readFile(imagePath).catch(() => {
    throw new NotFoundError(`no photo ${mediaId}`);
  });
  const { landmarks, notes } = await landmarksFor(mediaDir, mediaId, image);
  return { mediaId, imagePath, landmarks, notes };
}

async function landmarksFor(mediaDir: string, mediaId: string, image: Buffer) {
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
  const detected = await detectFace(image);
  await writeAtomically(path, JSON.stringify(detected.landmarks));
  return detected;
}

async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}
