import type { FaceLandmarks } from "../../face-landmarks.js";
import type { FaceState } from "../../face-state.js";
import { PhotoFace } from "../../photo-face.js";
import type { FrameCrop } from "../../photo-mesh.js";

/**
 * How much of each pixel the drawn inside of the mouth covers, read from real frames: the same face drawn twice over
 * two flat photos (green, then magenta). Wherever the photo shows, the two frames differ by the full colour distance;
 * wherever the drawn inside covers a pixel completely they agree; in between, the difference says the share. It needs
 * no knowledge of how the inside is coloured.
 */
export function mouthCoverage(landmarks: FaceLandmarks, crop: FrameCrop, state: FaceState): Float64Array {
  const size = crop.size;
  const flat = (red: number, green: number, blue: number) => {
    const data = new Uint8Array(size * size * 4);
    for (let offset = 0; offset < data.length; offset += 4) {
      data[offset] = red;
      data[offset + 1] = green;
      data[offset + 2] = blue;
      data[offset + 3] = 255;
    }
    const photo = { width: size, height: size, data };
    const frame = new Uint8Array(size * size * 4);
    new PhotoFace(photo, landmarks, crop).drawInto({ width: size, height: size, data: frame }, state);
    return frame;
  };
  const green = flat(0, 255, 0);
  const magenta = flat(255, 0, 255);
  const coverage = new Float64Array(size * size);
  for (let pixel = 0; pixel < coverage.length; pixel++) {
    const difference =
      Math.abs((green[pixel * 4] as number) - (magenta[pixel * 4] as number)) +
      Math.abs((green[pixel * 4 + 1] as number) - (magenta[pixel * 4 + 1] as number)) +
      Math.abs((green[pixel * 4 + 2] as number) - (magenta[pixel * 4 + 2] as number));
    coverage[pixel] = Math.min(1, Math.max(0, 1 - difference / (255 * 3)));
  }
  return coverage;
}

/** Per pixel column: the opening's top and bottom edges (sub-pixel, from partial coverage), or none. */
export function openingEdges(coverage: Float64Array, size: number) {
  const edges: { x: number; top: number; bottom: number }[] = [];
  for (let x = 0; x < size; x++) {
    let first = -1;
    let last = -1;
    for (let y = 0; y < size; y++) {
      if ((coverage[y * size + x] as number) > 0.02) {
        if (first < 0) first = y;
        last = y;
      }
    }
    if (first < 0) continue;
    edges.push({
      x,
      top: first + 1 - (coverage[first * size + x] as number),
      bottom: last + (coverage[last * size + x] as number),
    });
  }
  return edges;
}
