import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { decodeAudio } from "../audio-input/decode-audio.js";
import { intakePhoto } from "../avatar/node/image-intake.js";

/**
 * Files of the talks API in the media dir: images as `<sha256>.jpg` beside the photo avatar's photos (the same ids,
 * so `loadPhoto` finds them), audio as `audios/<sha256>.audio`, results as `talks/<talk id>.mp4`. Content-addressed
 * names make uploads idempotent; results are written under a partial name and renamed, so a reader never sees half a
 * file and a killed worker's leftovers are recognisable.
 */
export const MEDIA_ID = /^[0-9a-f]{64}$/;

export async function storeImage(mediaDir: string, bytes: Uint8Array): Promise<string> {
  // Sniffed, capped and re-encoded; the face is looked for at render time, as D-ID does.
  const intake = await intakePhoto(bytes);
  const id = createHash("sha256").update(intake.data).digest("hex");
  await writeAtomically(mediaDir, `${id}.jpg`, intake.data);
  return id;
}

export async function storeAudio(mediaDir: string, bytes: Uint8Array): Promise<string> {
  await decodeAudio({ data: bytes });
  const id = createHash("sha256").update(bytes).digest("hex");
  await writeAtomically(join(mediaDir, "audios"), `${id}.audio`, bytes);
  return id;
}

export const audioPath = (mediaDir: string, id: string) => join(mediaDir, "audios", `${id}.audio`);
export const imagePath = (mediaDir: string, id: string) => join(mediaDir, `${id}.jpg`);
export const resultsDir = (mediaDir: string) => join(mediaDir, "talks");
export const resultName = (talkId: string) => `${talkId}.mp4`;

/** A fresh partial path for one render attempt of a talk. */
export async function partialResultPath(mediaDir: string, talkId: string): Promise<string> {
  await mkdir(resultsDir(mediaDir), { recursive: true });
  return join(resultsDir(mediaDir), `${talkId}.partial-${randomBytes(4).toString("hex")}.mp4`);
}

/** Removes partial results of a talk left by attempts whose worker died. */
export async function sweepPartialResults(mediaDir: string, talkId: string): Promise<void> {
  const names = await readdir(resultsDir(mediaDir)).catch(() => [] as string[]);
  const prefix = `${talkId}.partial-`;
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix))
      .map((name) => rm(join(resultsDir(mediaDir), name), { force: true })),
  );
}

async function writeAtomically(directory: string, name: string, data: Uint8Array): Promise<void> {
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `${name}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  await writeFile(temporary, data);
  await rename(temporary, join(directory, name));
}
