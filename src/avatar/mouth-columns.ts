import type { RgbaImage } from "./mesh-raster.js";
import {
  emptyColumn,
  type InsideColumn,
  type InsideLayers,
  insideColour,
  insideColumn,
} from "./mouth-inside.js";
import type { MouthShape } from "./mouth-shapes.js";
import { samplePhoto } from "./photo-sample.js";
import { smoothAt } from "./smooth-curve.js";

/** The inner lip lines as x-sorted polylines [x0, y0, x1, y1, …], in pixels. */
export interface LipLines {
  upper: number[];
  lower: number[];
}

/**
 * The photo's own mouth opening: its inner lip lines at rest, and where across the opening (0 at the upper lip, 1 at
 * the lower) the upper jaw's part ends and the lower jaw's begins: the gap between upper and lower teeth where the
 * photo shows both, else the lower lip (all of it hangs from the upper lip).
 */
export interface PhotoOpening extends LipLines {
  split: number;
  /** 1 where the photo's mouth is (nearly) closed, so teeth are drawn as it opens; 0 where it shows its own. */
  teeth: number;
  /** The photo's own teeth colour where it shows teeth, else a default: drawn teeth match it. */
  teethColour: readonly [number, number, number];
}

/**
 * One frame's mouth, column by column: the lips follow smooth curves through the mesh's lip points (not straight
 * segments, whose corners show at large sizes), each pixel column of the mouth maps to the same fraction of the
 * photo's mouth, and the photo's own opening is split as `PhotoOpening` says: the part above the split hangs from the
 * upper lip, the part below rides on the lower lip, each re-sampled from the photo at its rest distance from its lip,
 * so at rest the mouth is exactly the photo's. Only where the lips part further does the drawn inside show
 * (mouth-inside.ts), its share of each pixel taken from the distance to the nearer edge across the edge's slope.
 */
export class MouthColumns {
  private first = 0;
  private count = 0;
  private upper = new Float64Array(0);
  private lower = new Float64Array(0);
  private top = new Float64Array(0);
  private bottom = new Float64Array(0);
  private restX = new Float64Array(0);
  private restUpper = new Float64Array(0);
  private restGap = new Float64Array(0);
  private hanging = new Float64Array(0);
  private slopeUpper = new Float64Array(0);
  private slopeLower = new Float64Array(0);
  /** 1 / √(1 + slope²) of each edge: a vertical distance times this is the distance across the edge. */
  private acrossUpper = new Float64Array(0);
  private acrossLower = new Float64Array(0);
  private inside: InsideColumn[] = [];
  private layers: InsideLayers | undefined;
  private readonly rgb = new Float64Array(3);
  private readonly drawn = new Float64Array(3);

  constructor(
    private readonly photo: RgbaImage,
    private readonly opening: PhotoOpening,
  ) {}

  /** Lays out this frame's columns from the moved inner lip lines. */
  update(lips: LipLines, mouth: MouthShape, layers: InsideLayers): void {
    const { opening } = this;
    this.layers = layers;
    const left = Math.min(lips.upper[0] as number, lips.lower[0] as number);
    const right = Math.max(
      lips.upper[lips.upper.length - 2] as number,
      lips.lower[lips.lower.length - 2] as number,
    );
    const restLeft = opening.upper[0] as number;
    const restRight = opening.upper[opening.upper.length - 2] as number;
    this.first = Math.floor(left) - 1;
    this.count = Math.ceil(right) + 2 - this.first;
    this.ensure(this.count);
    const span = Math.max(1e-6, right - left);
    for (let column = 0; column < this.count; column++) {
      const x = this.first + column + 0.5;
      const across = (x - left) / span;
      const upper = smoothAt(lips.upper, x);
      const lower = Math.max(upper, smoothAt(lips.lower, x));
      const restX = restLeft + Math.min(1, Math.max(0, across)) * (restRight - restLeft);
      const restUpper = smoothAt(opening.upper, restX);
      const restGap = Math.max(0, smoothAt(opening.lower, restX) - restUpper);
      const hanging = restGap * opening.split;
      this.upper[column] = upper;
      this.lower[column] = lower;
      this.restX[column] = restX;
      this.restUpper[column] = restUpper;
      this.restGap[column] = restGap;
      this.hanging[column] = hanging;
      this.top[column] = upper + hanging;
      this.bottom[column] = lower - (restGap - hanging);
      this.slopeUpper[column] = smoothAt(lips.upper, x + 0.5) - smoothAt(lips.upper, x - 0.5);
      this.slopeLower[column] = smoothAt(lips.lower, x + 0.5) - smoothAt(lips.lower, x - 0.5);
      this.acrossUpper[column] = 1 / Math.hypot(1, this.slopeUpper[column] as number);
      this.acrossLower[column] = 1 / Math.hypot(1, this.slopeLower[column] as number);
      const height = Math.max(0, (this.bottom[column] as number) - (this.top[column] as number));
      // Under a photo's own teeth the opening's edge is no lip: no warm rim there.
      const edges = { lipAbove: hanging < 0.5, lipBelow: restGap - hanging < 0.5 };
      insideColumn(height, across, edges, mouth, layers, this.inside[column] as InsideColumn);
    }
  }

  /** Paints pixel (x, y) of the mouth: the photo's part, the drawn inside over it where the lips have parted. */
  paint(target: RgbaImage, x: number, y: number): void {
    const column = x - this.first;
    if (column < 0 || column >= this.count) return;
    const { rgb, drawn } = this;
    const centre = y + 0.5;
    const upper = this.upper[column] as number;
    const lower = this.lower[column] as number;
    const restUpper = this.restUpper[column] as number;
    const restGap = this.restGap[column] as number;
    const hanging = this.hanging[column] as number;
    const below = centre - upper;
    const restY =
      below <= hanging
        ? restUpper + below
        : restUpper + restGap - Math.min(restGap - hanging, lower - centre);
    samplePhoto(this.photo, this.restX[column] as number, restY, rgb);
    const top = this.top[column] as number;
    const bottom = this.bottom[column] as number;
    const edge = Math.min(
      (centre - top) * (this.acrossUpper[column] as number),
      (bottom - centre) * (this.acrossLower[column] as number),
    );
    // A mouth parted by under a pixel is a faint line, not a hard black one.
    const coverage = Math.min(1, Math.max(0, edge + 0.5)) * Math.min(1, Math.max(0, bottom - top));
    if (coverage > 0 && this.layers) {
      insideColour(this.inside[column] as InsideColumn, this.layers, centre - top, drawn);
      for (let channel = 0; channel < 3; channel++) {
        rgb[channel] = (rgb[channel] as number) * (1 - coverage) + (drawn[channel] as number) * coverage;
      }
    }
    const offset = (y * target.width + x) * 4;
    target.data[offset] = (rgb[0] as number) + 0.5;
    target.data[offset + 1] = (rgb[1] as number) + 0.5;
    target.data[offset + 2] = (rgb[2] as number) + 0.5;
    target.data[offset + 3] = 255;
  }

  /**
   * Paints every pixel the opened space touches, column by column. The mouth's triangles cover the lips' straight
   * chords; where the smooth curve bulges past a chord, this still draws the opening to the curve.
   */
  paintOpening(target: RgbaImage): void {
    for (let column = 0; column < this.count; column++) {
      const top = this.top[column] as number;
      const bottom = this.bottom[column] as number;
      if (bottom - top <= 0) continue;
      const x = this.first + column;
      if (x < 0 || x >= target.width) continue;
      const from = Math.max(0, Math.floor(top - 1));
      const to = Math.min(target.height - 1, Math.ceil(bottom + 1));
      for (let y = from; y <= to; y++) this.paint(target, x, y);
    }
  }

  private ensure(count: number): void {
    if (this.upper.length >= count) return;
    const fresh = () => new Float64Array(count);
    this.upper = fresh();
    this.lower = fresh();
    this.top = fresh();
    this.bottom = fresh();
    this.restX = fresh();
    this.restUpper = fresh();
    this.restGap = fresh();
    this.hanging = fresh();
    this.slopeUpper = fresh();
    this.slopeLower = fresh();
    this.acrossUpper = fresh();
    this.acrossLower = fresh();
    while (this.inside.length < count) {
      this.inside.push(emptyColumn());
    }
  }
}
