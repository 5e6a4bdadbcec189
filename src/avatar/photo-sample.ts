import type { RgbaImage } from "./mesh-raster.js";

/**
 * Bilinear sample of `photo` at (x, y) in pixel-centre coordinates, clamped inside the image, written to `rgb`. The
 * one sampler the mesh, the mouth and the eyelids share, so every moved pixel is the photo's own, resampled alike.
 */
export function samplePhoto(photo: RgbaImage, x: number, y: number, rgb: Float64Array): void {
  const sx = Math.min(photo.width - 1.001, Math.max(0, x - 0.5));
  const sy = Math.min(photo.height - 1.001, Math.max(0, y - 0.5));
  const x0 = sx | 0;
  const y0 = sy | 0;
  const fx = sx - x0;
  const fy = sy - y0;
  const source = photo.data;
  const i00 = (y0 * photo.width + x0) * 4;
  const i01 = i00 + photo.width * 4;
  // The four neighbours' weights once, then every channel: this runs for every moved pixel of every frame.
  const w00 = (1 - fx) * (1 - fy);
  const w10 = fx * (1 - fy);
  const w01 = (1 - fx) * fy;
  const w11 = fx * fy;
  for (let channel = 0; channel < 3; channel++) {
    rgb[channel] =
      (source[i00 + channel] as number) * w00 +
      (source[i00 + 4 + channel] as number) * w10 +
      (source[i01 + channel] as number) * w01 +
      (source[i01 + 4 + channel] as number) * w11;
  }
}
